using EcsLocal.Application.Kms;
using EcsLocal.Domain.Access;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Security;

/// <summary>
/// The resource ARNs a request touches, which RAM policies match their Resource element against. Each resource named
/// by a parameter (DiskId, KeyId, UserName, ...) gives its own ARN; an action that creates or lists resources also
/// gives <c>type/*</c>; a request with neither is checked against <c>*</c>.
/// </summary>
/// <remarks>
/// NOTE: ARNs always carry the caller's account, also for an image or snapshot another account shared, so a policy
/// that names the owner account in the ARN of a shared resource does not match it.
/// </remarks>
public static class ActionResources
{
    private static readonly Dictionary<string, string> s_ecsParameters = new(StringComparer.Ordinal)
    {
        ["DiskId"] = "disk",
        ["SnapshotId"] = "snapshot",
        ["InstanceId"] = "instance",
        ["ImageId"] = "image",
    };

    // Actions that create or list a resource type; the list actions take their id parameters as filters only.
    private static readonly Dictionary<string, string> s_ecsWildcards = new(StringComparer.Ordinal)
    {
        ["CreateDisk"] = "disk",
        ["CreateSnapshot"] = "snapshot",
        ["CreateImage"] = "image",
        ["CreateInstance"] = "instance",
        ["RunInstances"] = "instance",
        ["DescribeDisks"] = "disk",
        ["DescribeSnapshots"] = "snapshot",
        ["DescribeImages"] = "image",
        ["DescribeInstances"] = "instance",
    };

    private static readonly HashSet<string> s_defaultEncryptionActions = new(StringComparer.Ordinal)
    {
        "EnableDiskEncryptionByDefault", "DisableDiskEncryptionByDefault", "DescribeDiskEncryptionByDefaultStatus",
        "DescribeDiskDefaultKMSKeyId", "ModifyDiskDefaultKMSKeyId", "ResetDiskDefaultKMSKeyId",
    };

    private static readonly Dictionary<string, string> s_ramParameters = new(StringComparer.Ordinal)
    {
        ["UserName"] = "user",
        ["PolicyName"] = "policy",
        ["RoleName"] = "role",
    };

    /// <summary>Returns the ARNs of the request's resources in <paramref name="regionId"/>; an empty list means <c>*</c>.</summary>
    public static IReadOnlyList<string> For(ActionContext context, string regionId)
    {
        var product = context.Operation.Product;
        if (product == ApiProduct.Ecs)
        {
            return Ecs(context, regionId);
        }

        return product == ApiProduct.Kms ? Kms(context, regionId) : Ram(context);
    }

    private static List<string> Ecs(ActionContext context, string regionId)
    {
        var action = context.Operation.Action;
        var account = context.Caller.AccountId;
        if (s_defaultEncryptionActions.Contains(action))
        {
            return [ResourceArn.DiskEncryptionDefaultConfig(regionId, account)];
        }

        var arns = new List<string>();
        if (s_ecsWildcards.TryGetValue(action, out var created))
        {
            arns.Add(ResourceArn.Create("ecs", regionId, account, created, "*"));
            if (action.StartsWith("Describe", StringComparison.Ordinal))
            {
                return arns;
            }
        }

        foreach (var (parameter, type) in s_ecsParameters)
        {
            if (context.Parameters[parameter] is { Length: > 0 } id)
            {
                arns.Add(ResourceArn.Create("ecs", regionId, account, type, id));
            }
        }

        // DeleteInstances names its instances as InstanceId.1, InstanceId.2, ...
        for (var index = 1; context.Parameters[$"InstanceId.{index}"] is { Length: > 0 } id; index++)
        {
            arns.Add(ResourceArn.Instance(regionId, account, id));
        }

        return arns;
    }

    private static List<string> Kms(ActionContext context, string regionId)
    {
        var account = context.Caller.AccountId;
        var arns = new List<string>();
        foreach (var parameter in new[] { "KeyId", "DestinationKeyId" })
        {
            if (context.Parameters[parameter] is { Length: > 0 } keyId)
            {
                arns.Add(KeyArn(regionId, account, keyId));
            }
        }

        if (context.Parameters["CiphertextBlob"] is { Length: > 0 } blob && CiphertextBlob.Decode(blob) is { } decoded)
        {
            arns.Add(ResourceArn.KmsKey(regionId, account, decoded.KeyId));
        }

        if (context.Parameters["AliasName"] is { Length: > 0 } alias)
        {
            arns.Add(KeyArn(regionId, account, alias));
        }

        switch (context.Operation.Action)
        {
            case "CreateKey" or "ListKeys":
                arns.Add(ResourceArn.KmsKey(regionId, account, "*"));
                break;
            case "ListAliases":
                arns.Add(ResourceArn.Create("kms", regionId, account, "alias", "*"));
                break;
        }

        return arns;
    }

    /// <summary>Returns the ARN a KeyId parameter names: a key id, an alias (<c>alias/name</c>) or an ARN as it is.</summary>
    private static string KeyArn(string regionId, string accountId, string keyId)
    {
        if (keyId.StartsWith("acs:", StringComparison.Ordinal))
        {
            return keyId;
        }

        return keyId.StartsWith("alias/", StringComparison.Ordinal)
            ? ResourceArn.Create("kms", regionId, accountId, "alias", keyId["alias/".Length..])
            : ResourceArn.KmsKey(regionId, accountId, keyId);
    }

    private static List<string> Ram(ActionContext context)
    {
        var account = context.Caller.AccountId;
        var arns = new List<string>();
        foreach (var (parameter, type) in s_ramParameters)
        {
            if (context.Parameters[parameter] is { Length: > 0 } name)
            {
                arns.Add(ResourceArn.Create("ram", "*", account, type, name));
            }
        }

        // AccessKey actions without UserName work on the calling user's own keys.
        if (arns.Count == 0 && context.Operation.Action.Contains("AccessKey", StringComparison.Ordinal) && context.Caller.UserName is { } self)
        {
            arns.Add(ResourceArn.RamUser(account, self));
        }

        return arns;
    }
}
