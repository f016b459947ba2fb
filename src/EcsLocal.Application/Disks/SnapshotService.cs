using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Disks;

public sealed record CreateSnapshotInput(
    string DiskId, string Name, string Description, int? RetentionDays, IReadOnlyList<ResourceTag> Tags, string? ClientToken, string Fingerprint);

public sealed record CopySnapshotInput(
    string RegionId,
    string SnapshotId,
    string DestinationRegionId,
    string Name,
    string Description,
    EncryptedParameter Encrypted,
    string? KmsKeyId,
    int? RetentionDays,
    IReadOnlyList<ResourceTag> Tags,
    string? ClientToken,
    string Fingerprint);

/// <summary>The snapshot actions of one account. Each method is one store transaction.</summary>
public sealed class SnapshotService(IStore store, TimeProvider time, ResourceTimings timings, DataKeyEnvelope envelope)
{
    public const string CreateSnapshotAction = "CreateSnapshot";
    public const string CopySnapshotAction = "CopySnapshot";

    /// <summary>Snapshots a disk; the snapshot has the disk's encryption and key, whose key must still be Enabled.</summary>
    public Task<Result<string>> CreateSnapshotAsync(Caller caller, CreateSnapshotInput input, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var disk = await session.GetDiskAsync(input.DiskId);
            if (disk is null || disk.AccountId != caller.AccountId)
            {
                return ErrorCatalog.DiskNotFound;
            }

            var reused = await ClientTokens.FindAsync(session, caller.AccountId, CreateSnapshotAction, input.ClientToken, input.Fingerprint);
            if (reused is { } previous)
            {
                return previous;
            }

            var now = time.GetUtcNow();
            if (disk.StatusAt(now) is not (DiskStatuses.Available or DiskStatuses.InUse))
            {
                return ErrorCatalog.DiskStatusIncorrect;
            }

            var source = PlannedSource.Of(disk);
            var encryption = await EncryptionPlanner.PlanAsync(session, caller.AccountId, EncryptionOperation.SnapshotFromDisk, source,
                EncryptedParameter.Omitted, null, disk.RegionId, null, now, ErrorCatalog.KmsKeyNotFoundForDisk, ErrorCatalog.KmsNotEnabled);
            if (!encryption.IsSuccess)
            {
                return encryption.Error;
            }

            var dataKey = await envelope.SealForAsync(session, source, caller.AccountId, disk.RegionId, encryption.Value);
            if (!dataKey.IsSuccess)
            {
                return dataKey.Error;
            }

            var snapshot = new Snapshot(NewIds.Create(ResourceIds.SnapshotPrefix, RegionCatalog.Find(disk.RegionId)!), caller.AccountId, disk.RegionId,
                input.Name, input.Description, SnapshotStatuses.Progressing, now, now + timings.SnapshotCreation, disk.Id, disk.Size, disk.Type,
                disk.Category, encryption.Value.Encrypted, encryption.Value.KeyId, encryption.Value.Reason, null, null, input.RetentionDays, input.Tags,
                dataKey.Value);
            await session.InsertSnapshotAsync(snapshot);
            await ClientTokens.RecordAsync(session, caller.AccountId, CreateSnapshotAction, input.ClientToken, input.Fingerprint, snapshot.Id, now);
            return snapshot.Id;
        }, cancellationToken);

    public Task<Result<ResourcePage<Snapshot>>> DescribeSnapshotsAsync(Caller caller, SnapshotQuery query, CancellationToken cancellationToken)
    {
        if (!RegionCatalog.Exists(query.RegionId))
        {
            return Task.FromResult(Result<ResourcePage<Snapshot>>.Failure(ErrorCatalog.InvalidRegionIdNotFound));
        }

        return store.ReadAsync(
            async session => Result<ResourcePage<Snapshot>>.Success(
                await session.ListSnapshotsAsync(query with { AccountId = caller.AccountId, Now = time.GetUtcNow() })),
            cancellationToken);
    }

    /// <summary>Deletes a snapshot; one that disks were created from needs <paramref name="force"/>.</summary>
    public Task<Result<Unit>> DeleteSnapshotAsync(Caller caller, string snapshotId, bool force, CancellationToken cancellationToken) =>
        ChangeSnapshotAsync(caller, snapshotId, async (session, snapshot) =>
        {
            var disks = await session.ListDisksAsync(new DiskQuery(caller.AccountId, snapshot.RegionId, time.GetUtcNow(), 1, SnapshotId: snapshot.Id));
            if (disks.TotalCount > 0 && !force)
            {
                return ErrorCatalog.SnapshotInUse;
            }

            await session.DeleteSnapshotAsync(snapshot.Id);
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> ModifySnapshotAttributeAsync(
        Caller caller, string snapshotId, string? name, string? description, int? retentionDays, CancellationToken cancellationToken) =>
        ChangeSnapshotAsync(caller, snapshotId, async (session, snapshot) =>
        {
            await session.UpdateSnapshotAsync(snapshot with
            {
                Name = name ?? snapshot.Name,
                Description = description ?? snapshot.Description,
                RetentionDays = retentionDays ?? snapshot.RetentionDays,
                Status = snapshot.StatusAt(time.GetUtcNow()),
            });
            return Unit.Value;
        }, cancellationToken);

    /// <summary>
    /// Copies a snapshot to a region, plainly or with copy-and-encrypt. The decision engine picks the copy's key from
    /// the request and the destination region's default setting and service key.
    /// </summary>
    public Task<Result<string>> CopySnapshotAsync(Caller caller, CopySnapshotInput input, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var destination = RegionCatalog.Find(input.DestinationRegionId);
            if (!RegionCatalog.Exists(input.RegionId))
            {
                return ErrorCatalog.InvalidRegionIdNotFound;
            }

            if (destination is null)
            {
                return ErrorCatalog.DestinationRegionNotExists;
            }

            var source = await SnapshotAccess.FindUsableAsync(session, caller.AccountId, input.SnapshotId);
            if (source is null || source.RegionId != input.RegionId)
            {
                return ErrorCatalog.SnapshotNotFoundForCopy;
            }

            var reused = await ClientTokens.FindAsync(session, caller.AccountId, CopySnapshotAction, input.ClientToken, input.Fingerprint);
            if (reused is { } previous)
            {
                return previous;
            }

            var now = time.GetUtcNow();
            if (source.StatusAt(now) != SnapshotStatuses.Accomplished)
            {
                return ErrorCatalog.SnapshotNotReady;
            }

            var encryption = await EncryptionPlanner.PlanAsync(session, caller.AccountId, EncryptionOperation.SnapshotCopy, PlannedSource.Of(source),
                input.Encrypted, input.KmsKeyId, destination.Id, null, now, ErrorCatalog.KmsKeyNotFoundForCopy, ErrorCatalog.CopyKmsNotEnabled);
            if (!encryption.IsSuccess)
            {
                return encryption.Error;
            }

            var dataKey = await envelope.SealForAsync(session, PlannedSource.Of(source), caller.AccountId, destination.Id, encryption.Value);
            if (!dataKey.IsSuccess)
            {
                return dataKey.Error;
            }

            var copy = new Snapshot(NewIds.Create(ResourceIds.SnapshotPrefix, destination), caller.AccountId, destination.Id, input.Name,
                input.Description, SnapshotStatuses.Progressing, now, now + timings.SnapshotCreation, source.SourceDiskId, source.SourceDiskSize,
                source.SourceDiskType, source.SourceDiskCategory, encryption.Value.Encrypted, encryption.Value.KeyId, encryption.Value.Reason,
                source.RegionId, source.Id, input.RetentionDays, input.Tags, dataKey.Value);
            await session.InsertSnapshotAsync(copy);
            await ClientTokens.RecordAsync(session, caller.AccountId, CopySnapshotAction, input.ClientToken, input.Fingerprint, copy.Id, now);
            return copy.Id;
        }, cancellationToken);

    private Task<Result<Unit>> ChangeSnapshotAsync(
        Caller caller, string snapshotId, Func<IStoreSession, Snapshot, Task<Result<Unit>>> change, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var snapshot = await session.GetSnapshotAsync(snapshotId);
            if (snapshot is null || snapshot.AccountId != caller.AccountId)
            {
                return ErrorCatalog.SnapshotNotFound;
            }

            return await change(session, snapshot);
        }, cancellationToken);
}
