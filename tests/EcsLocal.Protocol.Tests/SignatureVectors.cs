using System.Text;
using System.Text.Json;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Protocol.Tests;

/// <summary>A captured SDK request from the Vectors folder.</summary>
public sealed record CapturedRequest(string File, string Scenario, string Method, string Url, Dictionary<string, string> Headers, string Body)
{
    public override string ToString() => $"{File}: {Scenario}";

    public string Path => Url.Split('?')[0];

    public string RawQuery => Url.Contains('?', StringComparison.Ordinal) ? Url[Url.IndexOf('?', StringComparison.Ordinal)..] : "";

    public bool IsForm => Headers.GetValueOrDefault("content-type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true;

    public SignedRequest ToSignedRequest() => new(
        Method,
        Path,
        new RequestParameters(RequestParameters.ParseUrlEncoded(RawQuery), IsForm ? RequestParameters.ParseUrlEncoded(Body) : []),
        Headers,
        Encoding.UTF8.GetBytes(Body));
}

public static class SignatureVectors
{
    public const string AccessKeyId = "testid";
    public const string Secret = "testsecret";

    /// <summary>The moment the vectors were captured; their timestamps are within a second of it.</summary>
    public static readonly DateTimeOffset CapturedAt = new(2026, 12, 4, 19, 32, 50, TimeSpan.Zero);

    public static IReadOnlyList<CapturedRequest> Load(params string[] files) =>
        files.SelectMany(file =>
        {
            using var document = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Vectors", file)));
            return document.RootElement.EnumerateArray().SelectMany(scenario => scenario.GetProperty("requests").EnumerateArray().Select(request =>
                new CapturedRequest(
                    file,
                    scenario.GetProperty("scenario").GetString()!,
                    request.GetProperty("method").GetString()!,
                    request.GetProperty("url").GetString()!,
                    request.GetProperty("headers").EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString()!),
                    request.GetProperty("body").GetString()!))).ToList();
        }).ToList();

    /// <summary>The captured requests signed with ACS3-HMAC-SHA256 or HMAC-SHA1, which EcsLocal verifies.</summary>
    public static TheoryData<CapturedRequest> Supported()
    {
        var data = new TheoryData<CapturedRequest>();
        foreach (var request in Load("ecs.json", "kms.json", "popcore.json"))
        {
            data.Add(request);
        }

        return data;
    }
}
