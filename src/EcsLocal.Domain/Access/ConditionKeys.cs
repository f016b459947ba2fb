namespace EcsLocal.Domain.Access;

/// <summary>The type of value a condition key carries, which decides the operators it accepts.</summary>
public enum ConditionKeyType
{
    String,
    Date,
    Boolean,
    IpAddress,
}

/// <summary>
/// The condition keys that EcsLocal evaluates. A policy that names any other key is rejected at parse time with
/// MalformedPolicyDocument, so that no condition is silently ignored.
/// </summary>
/// <remarks>
/// The names follow the RAM and ECS documentation: <c>acs:*</c> are the Alibaba Cloud common keys, and the
/// <c>ecs:IsDisk*Encrypted</c> keys are listed for CreateDisk, RunInstances and CreateInstance.
/// <c>ram:ServiceName</c> is here because the AliyunKMSFullAccess system policy uses it.
/// </remarks>
public static class ConditionKeys
{
    /// <summary>The time the request arrived, ISO 8601 in UTC, such as <c>2026-01-01T00:00:00Z</c>.</summary>
    public const string CurrentTime = "acs:CurrentTime";

    /// <summary>The client IP address of the request.</summary>
    public const string SourceIp = "acs:SourceIp";

    /// <summary><c>true</c> when the request came over HTTPS.</summary>
    public const string SecureTransport = "acs:SecureTransport";

    /// <summary><c>true</c> when the caller signed in with multi-factor authentication.</summary>
    public const string MfaPresent = "acs:MFAPresent";

    /// <summary><c>true</c> when the disks that the request creates are encrypted.</summary>
    public const string IsDiskEncrypted = "ecs:IsDiskEncrypted";

    /// <summary><c>true</c> when the disks that the request creates are encrypted with a customer key (BYOK).</summary>
    public const string IsDiskByokEncrypted = "ecs:IsDiskByokEncrypted";

    /// <summary>The service name of the service-linked role that a RAM request is about.</summary>
    public const string RamServiceName = "ram:ServiceName";

    private static readonly Dictionary<string, ConditionKeyType> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        [CurrentTime] = ConditionKeyType.Date,
        [SourceIp] = ConditionKeyType.IpAddress,
        [SecureTransport] = ConditionKeyType.Boolean,
        [MfaPresent] = ConditionKeyType.Boolean,
        [IsDiskEncrypted] = ConditionKeyType.Boolean,
        [IsDiskByokEncrypted] = ConditionKeyType.Boolean,
        [RamServiceName] = ConditionKeyType.String,
    };

    /// <summary>Every supported key in its documented spelling.</summary>
    public static IReadOnlyCollection<string> All => s_types.Keys;

    /// <summary>Finds a supported key, ignoring case, and returns its documented spelling and type, or null when it is unsupported.</summary>
    public static (string Name, ConditionKeyType Type)? Find(string key)
    {
        foreach (var (name, type) in s_types)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return (name, type);
            }
        }

        return null;
    }
}
