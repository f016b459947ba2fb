namespace EcsLocal.Domain.Access;

/// <summary>A RAM user of an account. Its AccessKeys sign requests that its attached policies authorize.</summary>
public sealed record RamUser(
    string AccountId, string UserName, string UserId, string DisplayName, string Comments, DateTimeOffset CreateDate, DateTimeOffset UpdateDate);

/// <summary>A custom policy of an account, with its one version's document as the user wrote it.</summary>
public sealed record CustomPolicy(
    string AccountId, string PolicyName, string Description, string Document, DateTimeOffset CreateDate, DateTimeOffset UpdateDate);

/// <summary>The two kinds of policy: System policies are Alibaba Cloud's, Custom policies the account's own.</summary>
public static class PolicyTypes
{
    public const string System = "System";
    public const string Custom = "Custom";
}

/// <summary>A policy attached to a RAM user.</summary>
public sealed record PolicyAttachment(string AccountId, string UserName, string PolicyType, string PolicyName, DateTimeOffset AttachDate);

/// <summary>A RAM role of an account, such as the service roles ECS assumes to use KMS keys.</summary>
/// <param name="MaxSessionDuration">The longest STS session of the role, in seconds.</param>
public sealed record RamRole(
    string AccountId,
    string RoleName,
    string RoleId,
    string Description,
    string AssumeRolePolicyDocument,
    int MaxSessionDuration,
    DateTimeOffset CreateDate)
{
    public const int DefaultMaxSessionDuration = 3600;

    /// <summary>The trust policy of a role that the ECS service assumes.</summary>
    public const string EcsServiceTrustPolicy =
        """{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}""";

    /// <summary>Returns a role that ECS assumes, as the console creates it when the account first authorizes ECS.</summary>
    public static RamRole ForEcs(string accountId, string roleName, string roleId, DateTimeOffset createDate) =>
        new(accountId, roleName, roleId, "ECS will use this role to access your resources in other services.", EcsServiceTrustPolicy,
            DefaultMaxSessionDuration, createDate);
}
