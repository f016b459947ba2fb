using System.Text;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;

namespace EcsLocal.Application.Handlers.Ram;

/// <summary>Parameter rules shared by the RAM actions.</summary>
/// <remarks>
/// Each action checks its parameters in three passes, as RAM orders its errors: every required parameter is present,
/// then every value has a valid format, then the service checks existence and conflicts.
/// </remarks>
internal static class RamParameters
{
    public const int DefaultMaxItems = 100;
    public const int MaxItems = 1000;

    /// <summary>Returns MissingParameter for the first of <paramref name="names"/> that is absent or empty, or null.</summary>
    public static ServiceError? Missing(this RequestParameters parameters, params string[] names)
    {
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(parameters[name]))
            {
                return ErrorCatalog.MissingParameter.Format(name);
            }
        }

        return null;
    }

    /// <summary>Returns the value of a parameter, or null when it is absent or empty.</summary>
    public static string? Text(this RequestParameters parameters, string name) =>
        string.IsNullOrEmpty(parameters[name]) ? null : parameters[name];

    /// <summary>Applies <paramref name="rule"/> to a parameter that is present and not empty.</summary>
    public static ServiceError? Check(this RequestParameters parameters, string name, Func<string, ServiceError?> rule) =>
        parameters.Text(name) is { } value ? rule(value) : null;

    /// <summary>
    /// Reads Marker and MaxItems (1 to 1000, default 100). The marker is the Base64 of the sort key of the first item
    /// of the page, so clients treat it as opaque text.
    /// </summary>
    public static Result<(string? After, int MaxItems)> Paging(this RequestParameters parameters)
    {
        var maxItems = parameters.OptionalInt32("MaxItems", 1, MaxItems);
        if (!maxItems.IsSuccess)
        {
            return maxItems.Error;
        }

        var marker = parameters.Text("Marker");
        if (marker is null)
        {
            return (null, maxItems.Value ?? DefaultMaxItems);
        }

        var bytes = new byte[marker.Length];
        if (!Convert.TryFromBase64String(marker, bytes, out var written))
        {
            return ErrorCatalog.InvalidParameter.Format("Marker");
        }

        return (Encoding.UTF8.GetString(bytes, 0, written), maxItems.Value ?? DefaultMaxItems);
    }

    public static string EncodeMarker(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key));
}
