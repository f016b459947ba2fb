namespace EcsLocal.Domain.Kms;

public enum KeyState
{
    Enabled,
    Disabled,
    PendingDeletion,
    PendingImport,
}

/// <summary>A KMS key of one account in one region.</summary>
/// <param name="Creator">The account id, or <c>Ecs</c> for the service key that ECS creates.</param>
/// <param name="DeleteDate">When a key in PendingDeletion is deleted; null in every other state.</param>
/// <param name="RotationIntervalSeconds">The automatic rotation period; null when rotation was never configured.</param>
public sealed record KmsKey(
    string Id,
    string AccountId,
    string RegionId,
    string KeySpec,
    string KeyUsage,
    string Origin,
    string ProtectionLevel,
    string Description,
    KeyState State,
    string Creator,
    bool IsServiceKey,
    DateTimeOffset CreationDate,
    DateTimeOffset? DeleteDate,
    string PrimaryKeyVersion,
    bool AutomaticRotation,
    long? RotationIntervalSeconds,
    bool DeletionProtection,
    string DeletionProtectionDescription)
{
    public const string ServiceCreator = "Ecs";

    /// <summary>When imported (BYOK) key material expires; null when it never does or when no material was imported.</summary>
    public DateTimeOffset? MaterialExpireTime { get; init; }

    /// <summary>Returns the state at <paramref name="now"/>: an Enabled BYOK key whose material has expired is back in PendingImport.</summary>
    public KeyState StateAt(DateTimeOffset now) =>
        State == KeyState.Enabled && MaterialExpireTime is { } expires && expires <= now ? KeyState.PendingImport : State;

    public string Arn => KmsArns.Key(RegionId, AccountId, Id);

    public bool IsSymmetric => Kms.KeySpec.IsSymmetricName(KeySpec);

    /// <summary>Returns whether a key in PendingDeletion has reached its deletion date.</summary>
    public bool IsDueForDeletion(DateTimeOffset now) => State == KeyState.PendingDeletion && DeleteDate <= now;
}

/// <summary>An alias that names a key of the same account and region.</summary>
public sealed record KmsAlias(string AccountId, string RegionId, string Name, string KeyId, DateTimeOffset CreatedAt)
{
    public string Arn => KmsArns.Alias(RegionId, AccountId, Name);
}

public static class KmsArns
{
    public static string Key(string regionId, string accountId, string keyId) => $"acs:kms:{regionId}:{accountId}:key/{keyId}";

    /// <summary>Builds an alias ARN; the ARN drops the <c>alias/</c> prefix and keeps the rest of the name.</summary>
    public static string Alias(string regionId, string accountId, string aliasName) =>
        $"acs:kms:{regionId}:{accountId}:{aliasName}";
}

/// <summary>One version of a key's material, stored only in its protected (encrypted) form.</summary>
public sealed record KeyVersion(string AccountId, string RegionId, string KeyId, string VersionId, DateTimeOffset CreationDate, byte[] ProtectedMaterial);

/// <summary>
/// An import token of GetParametersForImport: the RSA wrapping key pair (private key protected) that ImportKeyMaterial
/// uses to unwrap the caller's material, valid until <see cref="ExpiresAt"/>.
/// </summary>
public sealed record ImportToken(
    string Token, string AccountId, string RegionId, string KeyId, string WrappingAlgorithm, byte[] ProtectedPrivateKey, DateTimeOffset ExpiresAt);
