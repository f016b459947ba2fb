using System.Security.Cryptography;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Kms;

/// <summary>
/// Key versions of symmetric keys with material made by KMS. A new version becomes the primary one that encrypts;
/// every older version keeps decrypting what it sealed.
/// </summary>
public sealed class KeyRotationService(IStore store, SecretProtector protector, TimeProvider time)
{
    public Task<Result<KeyVersion>> CreateKeyVersionAsync(Caller caller, string regionId, string keyIdParameter, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var key = await RotatableKeyAsync(session, caller, regionId, keyIdParameter);
            return key.IsSuccess ? await RotateAsync(session, protector, key.Value, time.GetUtcNow()) : key.Error;
        }, cancellationToken);

    public Task<Result<IReadOnlyList<KeyVersion>>> ListKeyVersionsAsync(Caller caller, string regionId, string keyIdParameter, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var key = await FindAsync(session, caller, regionId, keyIdParameter);
            return key.IsSuccess
                ? Result<IReadOnlyList<KeyVersion>>.Success(await session.ListKeyVersionsAsync(caller.AccountId, regionId, key.Value.Id))
                : key.Error;
        }, cancellationToken);

    public Task<Result<KmsKey>> UpdateRotationPolicyAsync(
        Caller caller, string regionId, string keyIdParameter, bool enabled, long? intervalSeconds, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var key = await RotatableKeyAsync(session, caller, regionId, keyIdParameter, requireEnabled: false);
            if (!key.IsSuccess)
            {
                return key;
            }

            var updated = key.Value with
            {
                AutomaticRotation = enabled,
                RotationIntervalSeconds = intervalSeconds ?? key.Value.RotationIntervalSeconds ?? (enabled ? 365L * 86_400 : null),
            };
            await session.UpdateKeyAsync(updated);
            return updated;
        }, cancellationToken);

    /// <summary>Makes a new version with fresh material and makes it the key's primary version.</summary>
    public static async Task<Result<KeyVersion>> RotateAsync(IStoreSession session, SecretProtector protector, KmsKey key, DateTimeOffset now)
    {
        var versionId = KeyLookup.NewKeyId();
        var material = RandomNumberGenerator.GetBytes(key.KeySpec switch
        {
            "Aliyun_AES_128" or "Aliyun_SM4" => 16,
            "Aliyun_AES_192" => 24,
            _ => 32,
        });
        var version = new KeyVersion(key.AccountId, key.RegionId, key.Id, versionId, now,
            protector.Protect(Convert.ToBase64String(material), $"{key.Id}/{versionId}"));
        await session.InsertKeyVersionAsync(version);
        await session.UpdateKeyAsync(key with { PrimaryKeyVersion = versionId });
        return version;
    }

    private async Task<Result<KmsKey>> RotatableKeyAsync(IStoreSession session, Caller caller, string regionId, string keyIdParameter, bool requireEnabled = true)
    {
        var key = await FindAsync(session, caller, regionId, keyIdParameter);
        if (!key.IsSuccess)
        {
            return key;
        }

        if (key.Value.IsServiceKey)
        {
            return ErrorCatalog.NoPermission;
        }

        if (key.Value.Origin != KeyOrigins.AliyunKms)
        {
            return ErrorCatalog.UnsupportedOrigin;
        }

        if (!key.Value.IsSymmetric)
        {
            return ErrorCatalog.KeyCannotEncrypt;
        }

        return key.Value.State switch
        {
            KeyState.PendingDeletion => ErrorCatalog.RejectedPendingDeletion,
            KeyState.Disabled when requireEnabled => ErrorCatalog.RejectedDisabled,
            _ => key,
        };
    }

    private async Task<Result<KmsKey>> FindAsync(IStoreSession session, Caller caller, string regionId, string keyIdParameter)
    {
        if (!RegionCatalog.Exists(regionId))
        {
            return ErrorCatalog.InvalidRegionIdNotFound;
        }

        if (!await session.IsKmsActivatedAsync(caller.AccountId, regionId))
        {
            return ErrorCatalog.KmsServiceNotEnabled;
        }

        await session.DeleteKeysDueForDeletionAsync(caller.AccountId, regionId, time.GetUtcNow());
        return await KeyLookup.ResolveAsync(session, caller.AccountId, regionId, keyIdParameter);
    }
}
