using System.Globalization;
using System.Text.Json;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;

namespace EcsLocal.Protocol.Parameters;

/// <summary>
/// Typed access to request parameters that returns the service's own errors for malformed values.
/// </summary>
public static class ParameterReader
{
    /// <summary>The longest value a string parameter may have unless the action sets its own limit.</summary>
    public const int DefaultMaxLength = 4096;

    public static Result<string?> Optional(this RequestParameters parameters, string name, int maxLength = DefaultMaxLength)
    {
        var value = parameters[name];
        if (value is not null && value.Length > maxLength)
        {
            return ErrorCatalog.ParameterTooLong.Format(name, maxLength);
        }

        return Result<string?>.Success(value);
    }

    /// <summary>Reads a parameter that must be present and not empty.</summary>
    public static Result<string> Required(this RequestParameters parameters, string name, int maxLength = DefaultMaxLength)
    {
        var value = parameters.Optional(name, maxLength);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        return string.IsNullOrEmpty(value.Value) ? ErrorCatalog.MissingParameter.Format(name) : value.Value;
    }

    /// <summary>Reads a boolean sent as <c>true</c> or <c>false</c> in any letter case.</summary>
    public static Result<bool?> OptionalBoolean(this RequestParameters parameters, string name)
    {
        var value = parameters[name];
        if (string.IsNullOrEmpty(value))
        {
            return Result<bool?>.Success(null);
        }

        return bool.TryParse(value, out var parsed)
            ? Result<bool?>.Success(parsed)
            : ErrorCatalog.InvalidParameter.Format(name);
    }

    /// <summary>Reads a decimal integer within <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Result<int?> OptionalInt32(this RequestParameters parameters, string name, int min, int max)
    {
        var value = parameters[name];
        if (string.IsNullOrEmpty(value))
        {
            return Result<int?>.Success(null);
        }

        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? Result<int?>.Success(parsed)
            : ErrorCatalog.InvalidParameter.Format(name);
    }

    /// <summary>Reads a JSON-string parameter such as <c>Filters=[{"Key":"KeyState","Values":["Enabled"]}]</c>.</summary>
    public static Result<JsonElement?> OptionalJson(this RequestParameters parameters, string name, int maxLength = DefaultMaxLength)
    {
        var value = parameters.Optional(name, maxLength);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        if (string.IsNullOrEmpty(value.Value))
        {
            return Result<JsonElement?>.Success(null);
        }

        try
        {
            using var document = JsonDocument.Parse(value.Value, new JsonDocumentOptions { MaxDepth = 8 });
            return Result<JsonElement?>.Success(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return ErrorCatalog.InvalidParameter.Format(name);
        }
    }
}
