using EcsLocal.Application.Kms;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Images;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Application.Disks;

/// <summary>The encryption a new resource gets: whether it is encrypted, with which key id, and why.</summary>
public sealed record PlannedEncryption(bool Encrypted, string? KeyId, KeyReason? Reason)
{
    public static readonly PlannedEncryption None = new(false, null, null);
}

/// <summary>Where the data of a new resource comes from, as the planner needs it.</summary>
/// <param name="OwnerAccountId">The account that owns the source; it differs from the caller for a shared source.</param>
/// <param name="DataKey">The source's data key sealed under <paramref name="KeyId"/>, when it has one.</param>
public sealed record PlannedSource(string OwnerAccountId, string RegionId, bool Encrypted, string? KeyId, string? DataKey = null)
{
    public static PlannedSource Of(Disk disk) => new(disk.AccountId, disk.RegionId, disk.Encrypted, disk.KmsKeyId, disk.DataKey);

    public static PlannedSource Of(Snapshot snapshot) =>
        new(snapshot.AccountId, snapshot.RegionId, snapshot.Encrypted, snapshot.KmsKeyId, snapshot.DataKey);

    /// <summary>
    /// Returns an image disk mapping as a source. Its snapshot <paramref name="carrier"/> supplies the data key when the
    /// snapshot has the mapping's key.
    /// </summary>
    public static PlannedSource Of(string ownerAccountId, string regionId, ImageDiskMapping mapping, Snapshot? carrier) =>
        new(ownerAccountId, regionId, mapping.Encrypted, mapping.KmsKeyId,
            carrier is not null && carrier.KmsKeyId == mapping.KmsKeyId ? carrier.DataKey : null);
}

/// <summary>
/// Runs the encryption decision engine and turns its decision into a usable key, inside the caller's transaction.
/// It resolves a specified key (id, ARN or alias) in the target region and creates the service key on first need.
/// Then it checks that every key the operation must use is usable by ECS.
/// </summary>
public static class EncryptionPlanner
{
    /// <param name="keyNotFound">The action's error for a specified key that does not exist in the target region.</param>
    /// <param name="kmsNotEnabled">The action's error when KMS is not activated in the target region.</param>
    public static async Task<Result<PlannedEncryption>> PlanAsync(
        IStoreSession session,
        string accountId,
        EncryptionOperation operation,
        PlannedSource? source,
        EncryptedParameter encrypted,
        string? specifiedKey,
        string targetRegionId,
        string? diskCategory,
        DateTimeOffset now,
        ServiceError keyNotFound,
        ServiceError kmsNotEnabled)
    {
        var setting = await session.GetRegionEncryptionAsync(accountId, targetRegionId);
        var engineSource = source is null
            ? null
            : new EncryptionSource(source.OwnerAccountId == accountId ? SourceOwnership.Own : SourceOwnership.Shared, source.Encrypted, source.KeyId, source.RegionId);
        var decision = EncryptionDecisionEngine.Decide(new EncryptionRequest(
            operation, engineSource, encrypted, specifiedKey, new RegionDefault(setting?.Enabled ?? false, setting?.DefaultKeyId), targetRegionId, diskCategory));
        if (!decision.IsSuccess)
        {
            return decision.Error;
        }

        if (source is { Encrypted: true, KeyId: { } sourceKeyId } && await CheckSourceKeyAsync(session, source, sourceKeyId) is { } sourceError)
        {
            return sourceError;
        }

        return decision.Value.Encrypted
            ? await ResolveKeyAsync(session, accountId, targetRegionId, decision.Value, specifiedKey, now, keyNotFound, kmsNotEnabled)
            : PlannedEncryption.None;
    }

    private static async Task<Result<PlannedEncryption>> ResolveKeyAsync(
        IStoreSession session, string accountId, string regionId, EncryptionDecision decision, string? specifiedKey, DateTimeOffset now,
        ServiceError keyNotFound, ServiceError kmsNotEnabled)
    {
        if (!await session.IsKmsActivatedAsync(accountId, regionId))
        {
            return kmsNotEnabled;
        }

        await session.DeleteKeysDueForDeletionAsync(accountId, regionId, now);
        KmsKey? key = decision.Reason switch
        {
            KeyReason.ServiceKey => await KeyLookup.EnsureServiceKeyAsync(session, accountId, regionId, now),
            KeyReason.Specified => (await KeyLookup.ResolveAsync(session, accountId, regionId, specifiedKey!)) is { IsSuccess: true } found ? found.Value : null,
            _ => await session.GetKeyAsync(accountId, regionId, decision.KeyId!),
        };
        if (key is null)
        {
            return decision.Reason == KeyReason.Specified ? keyNotFound : ErrorCatalog.CmkNotEnabled;
        }

        var hasRole = await session.HasRoleAsync(accountId, ServiceRoles.DiskEncryptDefault);
        return DefaultEncryptionRules.CheckKeyUsableByEcs(key with { State = key.StateAt(now) }, hasRole) is { } keyError
            ? keyError
            : new PlannedEncryption(true, key.Id, decision.Reason);
    }

    /// <summary>Checks that the key of an encrypted source is Enabled, because its data must be decrypted.</summary>
    private static async Task<ServiceError?> CheckSourceKeyAsync(IStoreSession session, PlannedSource source, string keyId)
    {
        var key = await session.GetKeyAsync(source.OwnerAccountId, source.RegionId, keyId);
        return key is { State: KeyState.Enabled } ? null : ErrorCatalog.CmkNotEnabled;
    }
}
