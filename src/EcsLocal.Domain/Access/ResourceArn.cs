namespace EcsLocal.Domain.Access;

/// <summary>Builds the Alibaba Cloud Resource Names (ARNs) that RAM policies match: <c>acs:&lt;service&gt;:&lt;region&gt;:&lt;account&gt;:&lt;type&gt;/&lt;id&gt;</c>.</summary>
/// <remarks>
/// The ECS, KMS and RAM formats follow the "RAM authorization" tables of those services, such as
/// <c>acs:ecs:{#regionId}:{#accountId}:disk/{#diskId}</c> and <c>acs:ram:*:{#accountId}:policy/{#PolicyName}</c>.
/// RAM resources are global, so their region is <c>*</c>.
/// </remarks>
public static class ResourceArn
{
    /// <summary>Returns <c>acs:{service}:{regionId}:{accountId}:{resourceType}/{resourceId}</c>.</summary>
    public static string Create(string service, string regionId, string accountId, string resourceType, string resourceId) =>
        $"acs:{service}:{regionId}:{accountId}:{resourceType}/{resourceId}";

    public static string Disk(string regionId, string accountId, string diskId) => Create("ecs", regionId, accountId, "disk", diskId);

    public static string Snapshot(string regionId, string accountId, string snapshotId) =>
        Create("ecs", regionId, accountId, "snapshot", snapshotId);

    public static string Image(string regionId, string accountId, string imageId) => Create("ecs", regionId, accountId, "image", imageId);

    public static string Instance(string regionId, string accountId, string instanceId) =>
        Create("ecs", regionId, accountId, "instance", instanceId);

    /// <summary>Returns the ARN of the account's default disk encryption setting in a region, whose id is always <c>*</c>.</summary>
    public static string DiskEncryptionDefaultConfig(string regionId, string accountId) =>
        Create("ecs", regionId, accountId, "diskencryptiondefaultconfig", "*");

    public static string KmsKey(string regionId, string accountId, string keyId) => Create("kms", regionId, accountId, "key", keyId);

    public static string RamUser(string accountId, string userName) => Create("ram", "*", accountId, "user", userName);

    public static string RamPolicy(string accountId, string policyName) => Create("ram", "*", accountId, "policy", policyName);

    public static string RamRole(string accountId, string roleName) => Create("ram", "*", accountId, "role", roleName);
}
