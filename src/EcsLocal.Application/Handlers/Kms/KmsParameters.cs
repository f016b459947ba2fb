using System.Text.Json;
using EcsLocal.Application.Kms;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>Parameter rules shared by the KMS actions.</summary>
public static class KmsParameters
{
    public const int MaxKeyIdLength = 512;
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 10;

    public static Result<string> KeyId(this RequestParameters parameters, string name = "KeyId") =>
        parameters.Required(name, MaxKeyIdLength);

    public static Result<(int Number, int Size)> Paging(this RequestParameters parameters)
    {
        var number = parameters.OptionalInt32("PageNumber", 1, int.MaxValue);
        if (!number.IsSuccess)
        {
            return number.Error;
        }

        var size = parameters.OptionalInt32("PageSize", 1, MaxPageSize);
        return size.IsSuccess ? (number.Value ?? 1, size.Value ?? DefaultPageSize) : size.Error;
    }

    /// <summary>
    /// Reads the ListKeys <c>Filters</c> JSON: <c>[{"Key":"KeyState","Values":["Enabled"]}]</c> with the keys
    /// KeyState, KeySpec, KeyUsage, ProtectionLevel, CreatorType (User or Service) and AliasName.
    /// </summary>
    public static Result<KeyFilters> KeyFilters(this RequestParameters parameters)
    {
        var json = parameters.OptionalJson("Filters");
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (json.Value is { } root)
        {
            if (root.ValueKind != JsonValueKind.Array || !ReadFilters(root, filters))
            {
                return ErrorCatalog.InvalidParameter.Format("Filters");
            }
        }

        bool? serviceKeys = null;
        if (filters.TryGetValue("CreatorType", out var creatorTypes))
        {
            var wantsService = creatorTypes.Contains("Service");
            var wantsUser = creatorTypes.Contains("User");
            serviceKeys = wantsService == wantsUser ? null : wantsService;
        }

        return new KeyFilters(
            filters.GetValueOrDefault("KeyState"),
            filters.GetValueOrDefault("KeySpec"),
            filters.GetValueOrDefault("KeyUsage"),
            filters.GetValueOrDefault("ProtectionLevel"),
            serviceKeys,
            filters.GetValueOrDefault("AliasName")?.Select(name => name.StartsWith("alias/", StringComparison.Ordinal) ? name : "alias/" + name).ToList());
    }

    private static bool ReadFilters(JsonElement root, Dictionary<string, List<string>> filters)
    {
        string[] known = ["KeyState", "KeySpec", "KeyUsage", "ProtectionLevel", "CreatorType", "AliasName"];
        foreach (var filter in root.EnumerateArray())
        {
            if (filter.ValueKind != JsonValueKind.Object ||
                !filter.TryGetProperty("Key", out var key) || key.ValueKind != JsonValueKind.String || !known.Contains(key.GetString()) ||
                !filter.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var list = new List<string>();
            foreach (var value in values.EnumerateArray())
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                list.Add(value.GetString()!);
            }

            filters[key.GetString()!] = list;
        }

        return true;
    }
}
