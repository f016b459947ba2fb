namespace EcsLocal.Domain.Kms;

/// <summary>How a caller named a key: by id, by alias, or by the ARN of either.</summary>
public sealed record KeyReference(string? KeyId, string? AliasName, string? ArnRegionId, string? ArnAccountId)
{
    public const string AliasPrefix = "alias/";

    public bool IsAlias => AliasName is not null;

    /// <summary>
    /// Parses a KeyId parameter: <c>0e47...</c>, <c>alias/name</c>, <c>acs:kms:region:account:key/id</c>
    /// or <c>acs:kms:region:account:alias/name</c>. Returns null when an ARN is malformed.
    /// </summary>
    public static KeyReference? Parse(string value)
    {
        if (value.StartsWith(AliasPrefix, StringComparison.Ordinal))
        {
            return new KeyReference(null, value, null, null);
        }

        if (!value.StartsWith("acs:", StringComparison.Ordinal))
        {
            return new KeyReference(value, null, null, null);
        }

        var parts = value.Split(':', 5);
        if (parts.Length != 5 || parts[1] != "kms" || parts[2].Length == 0 || parts[3].Length == 0)
        {
            return null;
        }

        var resource = parts[4];
        if (resource.StartsWith("key/", StringComparison.Ordinal) && resource.Length > 4)
        {
            return new KeyReference(resource[4..], null, parts[2], parts[3]);
        }

        return resource.StartsWith(AliasPrefix, StringComparison.Ordinal) && resource.Length > AliasPrefix.Length
            ? new KeyReference(null, resource, parts[2], parts[3])
            : null;
    }

    /// <summary>Returns whether an ARN in this reference names another region or account than the caller's.</summary>
    public bool PointsOutside(string regionId, string accountId) =>
        (ArnRegionId is not null && ArnRegionId != regionId) || (ArnAccountId is not null && ArnAccountId != accountId);
}
