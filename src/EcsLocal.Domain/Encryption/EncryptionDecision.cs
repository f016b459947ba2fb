namespace EcsLocal.Domain.Encryption;

/// <summary>The reason an encrypted resource got its key, stored with the resource and shown to users.</summary>
public enum KeyReason
{
    /// <summary>The request named the key in <c>KMSKeyId</c>.</summary>
    Specified,

    /// <summary>The resource keeps the key of the caller's own source.</summary>
    Source,

    /// <summary>The region's default encryption is on and its default key applies.</summary>
    RegionDefault,

    /// <summary>No other key applies, so the region's service key (<c>alias/acs/ecs</c>) is used.</summary>
    ServiceKey,
}

/// <summary>Whether a new resource is encrypted, with which key and why.</summary>
/// <param name="KeyId">
/// The key id. It is null when the resource is not encrypted, and null for <see cref="KeyReason.ServiceKey"/> because
/// the caller looks up or creates the region's service key.
/// </param>
/// <param name="Reason">The reason the key applies, or null when the resource is not encrypted.</param>
public sealed record EncryptionDecision(bool Encrypted, string? KeyId, KeyReason? Reason)
{
    public static readonly EncryptionDecision NotEncrypted = new(false, null, null);

    public static readonly EncryptionDecision ServiceKey = new(true, null, KeyReason.ServiceKey);

    public static EncryptionDecision SpecifiedKey(string keyId) => new(true, keyId, KeyReason.Specified);

    public static EncryptionDecision SourceKey(string keyId) => new(true, keyId, KeyReason.Source);

    public static EncryptionDecision RegionDefaultKey(string keyId) => new(true, keyId, KeyReason.RegionDefault);
}
