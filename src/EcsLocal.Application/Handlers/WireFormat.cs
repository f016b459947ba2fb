using System.Globalization;

namespace EcsLocal.Application.Handlers;

public static class WireFormat
{
    /// <summary>Formats a time as the APIs return it: UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value is null ? null : Time(value.Value);
}
