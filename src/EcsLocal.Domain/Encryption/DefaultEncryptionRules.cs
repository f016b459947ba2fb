using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Domain.Encryption;

/// <summary>The six ECS actions that read or change the account-level default encryption of a region.</summary>
public enum DefaultEncryptionAction
{
    Enable,
    Disable,
    DescribeStatus,
    Modify,
    Reset,
    DescribeKey,
}

/// <summary>The state of the caller and the region that the six actions check.</summary>
public sealed record DefaultEncryptionFacts(
    bool RegionExists,
    bool RegionOffersFeature,
    bool AccountAllowListed,
    bool KmsActivated,
    RegionEncryptionSetting? Setting);

/// <summary>
/// The preconditions and state changes of the account-level default encryption actions.
/// </summary>
public static class DefaultEncryptionRules
{
    /// <summary>
    /// Returns the first failed precondition, checked in the service's order: region, region offers the feature,
    /// account allow-listed, KMS activated, feature state. The two Describe actions need only a valid region.
    /// </summary>
    public static ServiceError? CheckPreconditions(DefaultEncryptionAction action, DefaultEncryptionFacts facts)
    {
        if (!facts.RegionExists)
        {
            return ErrorCatalog.RegionIdNotExists;
        }

        if (action is DefaultEncryptionAction.DescribeStatus or DefaultEncryptionAction.DescribeKey)
        {
            return null;
        }

        if (!facts.RegionOffersFeature)
        {
            return ErrorCatalog.RegionNotSupported;
        }

        if (!facts.AccountAllowListed)
        {
            return ErrorCatalog.UserNotInTheWhiteList;
        }

        var kmsError = action switch
        {
            DefaultEncryptionAction.Enable or DefaultEncryptionAction.Modify => ErrorCatalog.KmsNotEnabled,
            DefaultEncryptionAction.Reset => ErrorCatalog.EncryptedKmsNotEnabled,
            _ => null,
        };
        if (kmsError is not null && !facts.KmsActivated)
        {
            return kmsError;
        }

        var enabled = facts.Setting?.Enabled ?? false;
        return action == DefaultEncryptionAction.Enable
            ? enabled ? ErrorCatalog.DefaultEncryptionAlreadyEnabled : null
            : enabled ? null : ErrorCatalog.DefaultEncryptionNotFound;
    }

    /// <summary>Turns the feature on; the default key is the stored one, or the service key the first time.</summary>
    public static RegionEncryptionSetting Enable(string accountId, string regionId, RegionEncryptionSetting? current, string serviceKeyId) =>
        new(accountId, regionId, true, current?.DefaultKeyId ?? serviceKeyId);

    public static RegionEncryptionSetting Disable(RegionEncryptionSetting current) => current with { Enabled = false };

    public static RegionEncryptionSetting ChangeDefaultKey(RegionEncryptionSetting current, string keyId) =>
        current with { DefaultKeyId = keyId };

    /// <summary>Returns whether Enable needs the service key because no default key was ever stored.</summary>
    public static bool EnableNeedsServiceKey(RegionEncryptionSetting? current) => current?.DefaultKeyId is null;

    /// <summary>
    /// Checks that ECS may encrypt with a key the caller chose: it must be symmetric, Enabled and, for a customer
    /// key, usable by ECS through the AliyunECSDiskEncryptDefaultRole role of the account.
    /// </summary>
    public static ServiceError? CheckKeyUsableByEcs(KmsKey key, bool accountHasEncryptionRole)
    {
        if (!key.IsSymmetric || key.KeyUsage != KeyUsages.EncryptDecrypt)
        {
            return ErrorCatalog.KeyNotSymmetric;
        }

        if (key.State != KeyState.Enabled)
        {
            return ErrorCatalog.CmkNotEnabled;
        }

        return !key.IsServiceKey && !accountHasEncryptionRole ? ErrorCatalog.KmsUnauthorized : null;
    }
}
