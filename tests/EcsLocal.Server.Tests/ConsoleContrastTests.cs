using System.Globalization;
using System.Text.RegularExpressions;
using EcsLocal.WebConsole;

namespace EcsLocal.Server.Tests;

/// <summary>The console's text colours keep the WCAG AA contrast of 4.5:1 on the backgrounds they are drawn on.</summary>
public sealed partial class ConsoleContrastTests
{
    private const double MinimumContrast = 4.5;

    private static readonly Dictionary<string, string> s_colours = ReadColours();

    [Theory]
    [InlineData("text", "background")]
    [InlineData("text", "surface")]
    [InlineData("muted", "background")]
    [InlineData("muted", "surface")]
    [InlineData("accent", "background")]
    [InlineData("accent-text", "accent")]
    [InlineData("notice", "notice-background")]
    [InlineData("danger", "background")]
    public void Text_colour_contrast_is_AA(string foreground, string background)
    {
        var contrast = Contrast(s_colours[foreground], s_colours[background]);

        Assert.True(contrast >= MinimumContrast, $"{foreground} on {background}: {contrast:F2}:1");
    }

    /// <summary>Reads the custom properties such as <c>--text: #1a1a1a;</c> of the style sheet the console serves.</summary>
    private static Dictionary<string, string> ReadColours()
    {
        using var stream = typeof(ConsoleSetup).Assembly.GetManifestResourceStream("console.css")!;
        using var reader = new StreamReader(stream);
        return ColourProperty().Matches(reader.ReadToEnd()).ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);
    }

    /// <summary>Returns the WCAG contrast ratio of two colours written as #rrggbb.</summary>
    private static double Contrast(string first, string second)
    {
        var (lighter, darker) = (Luminance(first), Luminance(second)) is var (a, b) && a > b ? (a, b) : (b, a);
        return (lighter + 0.05) / (darker + 0.05);
    }

    private static double Luminance(string colour)
    {
        double Channel(int offset)
        {
            var value = int.Parse(colour.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.03928 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }

    [GeneratedRegex(@"--([\w-]+):\s*(#[0-9a-fA-F]{6})")]
    private static partial Regex ColourProperty();
}
