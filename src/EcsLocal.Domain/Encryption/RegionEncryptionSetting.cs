namespace EcsLocal.Domain.Encryption;

/// <summary>
/// The account-level default encryption setting of one account in one region.
/// </summary>
/// <param name="DefaultKeyId">
/// The stored default key. Disabling keeps it, so a later enable uses it again; it is null only before the
/// feature was ever enabled in the region.
/// </param>
public sealed record RegionEncryptionSetting(string AccountId, string RegionId, bool Enabled, string? DefaultKeyId);
