using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Application.Kms;

/// <summary>Finds keys named by id, ARN or alias, and creates the ECS service key on first need.</summary>
public static class KeyLookup
{
    /// <summary>
    /// Resolves a KeyId parameter within one account and region. Returns <c>Forbidden.AliasNotFound</c> for an
    /// unknown alias and <c>Forbidden.KeyNotFound</c> for anything else that names no key there.
    /// </summary>
    public static async Task<Result<KmsKey>> ResolveAsync(IStoreSession session, string accountId, string regionId, string keyIdParameter)
    {
        var reference = KeyReference.Parse(keyIdParameter);
        if (reference is null || reference.PointsOutside(regionId, accountId))
        {
            return reference?.IsAlias == true ? ErrorCatalog.AliasNotFound : ErrorCatalog.KeyNotFound;
        }

        var keyId = reference.KeyId;
        if (reference.AliasName is { } aliasName)
        {
            var alias = await session.GetAliasAsync(accountId, regionId, aliasName);
            if (alias is null)
            {
                return ErrorCatalog.AliasNotFound;
            }

            keyId = alias.KeyId;
        }

        var key = await session.GetKeyAsync(accountId, regionId, keyId!);
        return key is null ? ErrorCatalog.KeyNotFound : key;
    }

    /// <summary>
    /// Returns the account's service key of the region, the key with alias <c>alias/acs/ecs</c>, creating it and its
    /// alias when the region has none yet.
    /// </summary>
    public static async Task<KmsKey> EnsureServiceKeyAsync(IStoreSession session, string accountId, string regionId, DateTimeOffset now)
    {
        var alias = await session.GetAliasAsync(accountId, regionId, KeyRules.ServiceKeyAliasName);
        if (alias is not null && await session.GetKeyAsync(accountId, regionId, alias.KeyId) is { } existing)
        {
            return existing;
        }

        var key = new KmsKey(
            Id: NewKeyId(),
            AccountId: accountId,
            RegionId: regionId,
            KeySpec: KeySpec.DefaultName,
            KeyUsage: KeyUsages.EncryptDecrypt,
            Origin: KeyOrigins.AliyunKms,
            ProtectionLevel: ProtectionLevels.Software,
            Description: "Service key of ECS for disk encryption",
            State: KeyState.Enabled,
            Creator: KmsKey.ServiceCreator,
            IsServiceKey: true,
            CreationDate: now,
            DeleteDate: null,
            PrimaryKeyVersion: NewKeyId(),
            AutomaticRotation: false,
            RotationIntervalSeconds: null,
            DeletionProtection: false,
            DeletionProtectionDescription: "");
        await session.InsertKeyAsync(key);
        var serviceAlias = new KmsAlias(accountId, regionId, KeyRules.ServiceKeyAliasName, key.Id, now);
        if (alias is null)
        {
            await session.InsertAliasAsync(serviceAlias);
        }
        else
        {
            await session.UpdateAliasAsync(serviceAlias);
        }
        return key;
    }

    /// <summary>Makes a key or key version id: a lower-case UUID, as KMS returns them.</summary>
    public static string NewKeyId() => Guid.NewGuid().ToString("D");
}
