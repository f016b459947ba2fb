using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>Parameter rules shared by the ECS resource actions.</summary>
public static class EcsParameters
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 128;
    public const int MaxClientTokenLength = 64;
    public const int MaxIdsPerFilter = 100;

    /// <summary>Reads <c>Encrypted</c>: omitted, <c>true</c> or <c>false</c> in any letter case.</summary>
    public static Result<EncryptedParameter> Encrypted(this RequestParameters parameters, string name = "Encrypted")
    {
        var value = parameters.OptionalBoolean(name);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        return value.Value switch
        {
            null => EncryptedParameter.Omitted,
            true => EncryptedParameter.True,
            false => EncryptedParameter.False,
        };
    }

    /// <summary>Reads <c>Tag.N.Key</c> and <c>Tag.N.Value</c> for N from 1 to 20; keys may not start with <c>aliyun</c> or <c>acs:</c>.</summary>
    public static Result<IReadOnlyList<ResourceTag>> Tags(this RequestParameters parameters)
    {
        var tags = new List<ResourceTag>();
        foreach (var index in TagIndexes(parameters))
        {
            if (index is < 1 or > MaxTags)
            {
                return ErrorCatalog.TooManyTags;
            }

            var key = parameters[$"Tag.{index}.Key"];
            var value = parameters[$"Tag.{index}.Value"] ?? "";
            if (string.IsNullOrEmpty(key) || key.Length > MaxTagLength || key.StartsWith("aliyun", StringComparison.Ordinal) ||
                key.StartsWith("acs:", StringComparison.Ordinal) || key.Contains("http://", StringComparison.Ordinal) ||
                key.Contains("https://", StringComparison.Ordinal))
            {
                return ErrorCatalog.TagKeyMalformed;
            }

            if (value.Length > MaxTagLength || value.Contains("http://", StringComparison.Ordinal) || value.Contains("https://", StringComparison.Ordinal))
            {
                return ErrorCatalog.TagValueMalformed;
            }

            if (tags.All(tag => tag.Key != key))
            {
                tags.Add(new ResourceTag(key, value));
            }
        }

        return tags;
    }

    /// <summary>Reads tag filters of the Describe actions: a key alone matches any value.</summary>
    public static Result<IReadOnlyList<TagFilter>?> TagFilters(this RequestParameters parameters)
    {
        var indexes = TagIndexes(parameters).ToList();
        if (indexes.Count == 0)
        {
            return Result<IReadOnlyList<TagFilter>?>.Success(null);
        }

        if (indexes.Any(index => index is < 1 or > MaxTags))
        {
            return ErrorCatalog.TooManyTags;
        }

        var filters = new List<TagFilter>();
        foreach (var index in indexes)
        {
            var key = parameters[$"Tag.{index}.Key"];
            if (string.IsNullOrEmpty(key))
            {
                return ErrorCatalog.TagKeyMalformed;
            }

            filters.Add(new TagFilter(key, parameters[$"Tag.{index}.Value"] is { Length: > 0 } value ? value : null));
        }

        return filters;
    }

    /// <summary>Reads a ClientToken: at most 64 ASCII characters.</summary>
    public static Result<string?> ClientToken(this RequestParameters parameters)
    {
        var token = parameters["ClientToken"];
        if (string.IsNullOrEmpty(token))
        {
            return Result<string?>.Success(null);
        }

        return token.Length > MaxClientTokenLength || !Ascii.IsValid(token) || token.Any(char.IsControl)
            ? ErrorCatalog.ClientTokenMalformed
            : token;
    }

    /// <summary>Reads a JSON array of ids such as <c>DiskIds=["d-1","d-2"]</c>, at most 100.</summary>
    public static Result<IReadOnlyList<string>?> JsonIds(this RequestParameters parameters, string name)
    {
        var json = parameters.OptionalJson(name, 8192);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        if (json.Value is not { } root)
        {
            return Result<IReadOnlyList<string>?>.Success(null);
        }

        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() > MaxIdsPerFilter ||
            root.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return ErrorCatalog.InvalidParameter.Format(name);
        }

        return root.EnumerateArray().Select(item => item.GetString()!).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Reads <c>DryRun</c>; a malformed value is an invalid parameter.</summary>
    public static Result<bool> DryRun(this RequestParameters parameters)
    {
        var value = parameters.OptionalBoolean("DryRun");
        return value.IsSuccess ? value.Value ?? false : value.Error;
    }

    /// <summary>Encodes a listing position as an opaque NextToken.</summary>
    public static string EncodeNextToken(ResourceCursor cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cursor.CreationTime.ToUnixTimeMilliseconds()}:{cursor.Id}"));

    public static Result<ResourceCursor?> NextToken(this RequestParameters parameters)
    {
        var token = parameters["NextToken"];
        if (string.IsNullOrEmpty(token))
        {
            return Result<ResourceCursor?>.Success(null);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var separator = text.IndexOf(':', StringComparison.Ordinal);
            if (separator > 0 && long.TryParse(text[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return new ResourceCursor(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), text[(separator + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        return ErrorCatalog.NextTokenMalformed;
    }

    /// <summary>
    /// Checks a resource name: 2 to 128 characters, starting with a letter, and not starting with http:// or https://.
    /// An empty or omitted name is allowed.
    /// </summary>
    public static bool IsValidName(string? name) =>
        string.IsNullOrEmpty(name) ||
        (name.Length is >= 2 and <= 128 && char.IsLetter(name[0]) && !name.StartsWith("http://", StringComparison.Ordinal) &&
         !name.StartsWith("https://", StringComparison.Ordinal));

    /// <summary>Checks a description: at most 256 characters, not starting with http:// or https://.</summary>
    public static bool IsValidDescription(string? description) =>
        string.IsNullOrEmpty(description) ||
        (description.Length <= 256 && !description.StartsWith("http://", StringComparison.Ordinal) &&
         !description.StartsWith("https://", StringComparison.Ordinal));

    private static IEnumerable<int> TagIndexes(RequestParameters parameters) =>
        parameters.Names
            .Where(name => name.StartsWith("Tag.", StringComparison.Ordinal) && (name.EndsWith(".Key", StringComparison.Ordinal) || name.EndsWith(".Value", StringComparison.Ordinal)))
            .Select(name => name.Split('.'))
            .Where(parts => parts.Length == 3)
            .Select(parts => int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1)
            .Distinct()
            .Order();
}
