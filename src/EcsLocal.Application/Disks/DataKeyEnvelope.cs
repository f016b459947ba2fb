using System.Security.Cryptography;
using System.Text;
using EcsLocal.Application.Accounts;
using EcsLocal.Application.Kms;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Application.Disks;

/// <summary>What a data key inspection found: the sealed key, and its SHA-256 when the key could open it.</summary>
/// <param name="DataKeySha256">Lower-case hex SHA-256 of the data key; null when <paramref name="UnsealError"/> is set.</param>
public sealed record DataKeyReport(
    string ResourceId, string AccountId, string RegionId, string KeyId, string KeyVersionId, string WrappedDataKey, string? DataKeySha256,
    ServiceError? UnsealError);

/// <summary>
/// Envelope encryption of disks, as ECS does it: every encrypted disk has its own random 256-bit data key, kept only
/// sealed under the disk's KMS key, the way KMS GenerateDataKey returns it. A snapshot carries its disk's sealed data
/// key. A copy, or a disk made from a snapshot, gets the same data key, resealed when its KMS key, account or region
/// differs. So the data stays readable while every copy depends only on its own key. A key that is not Enabled cannot
/// open a data key.
/// </summary>
public sealed class DataKeyEnvelope(SecretProtector protector, TimeProvider time)
{
    public const int DataKeyLength = 32;

    /// <summary>The EncryptionContext every data key is sealed with; KMS Decrypt opens a data key with this context only.</summary>
    public const string EncryptionContextJson = """{"acs:ecs:purpose":"disk-data-key"}""";

    private static readonly byte[] s_context = Encoding.UTF8.GetBytes(EncryptionContextJson);

    private readonly KeyVault _vault = new(protector);

    /// <summary>
    /// Returns the sealed data key of a new resource with encryption <paramref name="target"/> in the account and
    /// region: null when it is not encrypted, the source's sealed key when key, account and region are the same, the
    /// source's data key resealed when they differ, and a new data key when the source has none.
    /// </summary>
    public async Task<Result<string?>> SealForAsync(
        IStoreSession session, PlannedSource? source, string accountId, string regionId, PlannedEncryption target)
    {
        if (!target.Encrypted)
        {
            return (string?)null;
        }

        var key = await session.GetKeyAsync(accountId, regionId, target.KeyId!);
        if (key is null)
        {
            return ErrorCatalog.CmkNotEnabled;
        }

        if (source?.DataKey is not { } sealedKey)
        {
            return await SealAsync(session, key, RandomNumberGenerator.GetBytes(DataKeyLength));
        }

        if (source.OwnerAccountId == accountId && source.RegionId == regionId && CiphertextBlob.Decode(sealedKey)?.KeyId == key.Id)
        {
            return sealedKey;
        }

        var dataKey = await UnsealAsync(session, source.OwnerAccountId, source.RegionId, sealedKey);
        return dataKey.IsSuccess ? await SealAsync(session, key, dataKey.Value) : dataKey.Error;
    }

    /// <summary>Opens a sealed data key through its KMS key, which must be Enabled.</summary>
    public async Task<Result<byte[]>> UnsealAsync(IStoreSession session, string accountId, string regionId, string sealedKey)
    {
        var blob = CiphertextBlob.Decode(sealedKey);
        if (blob is null)
        {
            return ErrorCatalog.InvalidCiphertext;
        }

        var key = await session.GetKeyAsync(accountId, regionId, blob.KeyId);
        if (key is null || key.StateAt(time.GetUtcNow()) != KeyState.Enabled)
        {
            return ErrorCatalog.CmkNotEnabled;
        }

        var dataKey = await _vault.OpenAsync(session, key, blob, s_context);
        return dataKey is null ? ErrorCatalog.InvalidCiphertext : dataKey;
    }

    /// <summary>Describes the sealed data key of a disk or snapshot, and opens it to report its SHA-256.</summary>
    public Task<Result<DataKeyReport>> InspectAsync(IStore store, string resourceId, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
        {
            var disk = await session.GetDiskAsync(resourceId);
            var snapshot = disk is null ? await session.GetSnapshotAsync(resourceId) : null;
            var (accountId, regionId, sealedKey) = disk is not null
                ? (disk.AccountId, disk.RegionId, disk.DataKey)
                : snapshot is not null ? (snapshot.AccountId, snapshot.RegionId, snapshot.DataKey) : default;
            if (accountId is null)
            {
                return Result<DataKeyReport>.Failure(AdministrationErrors.ResourceNotFound.Format(resourceId));
            }

            if (sealedKey is null || CiphertextBlob.Decode(sealedKey) is not { } blob)
            {
                return Result<DataKeyReport>.Failure(AdministrationErrors.NoDataKey.Format(resourceId));
            }

            var dataKey = await UnsealAsync(session, accountId, regionId!, sealedKey);
            return new DataKeyReport(resourceId, accountId, regionId!, blob.KeyId, blob.VersionId, sealedKey,
                dataKey.IsSuccess ? Convert.ToHexStringLower(SHA256.HashData(dataKey.Value)) : null, dataKey.Error);
        }, cancellationToken);

    private async Task<string?> SealAsync(IStoreSession session, KmsKey key, byte[] dataKey) =>
        (await _vault.SealAsync(session, key, dataKey, s_context, time.GetUtcNow())).Encode();
}
