using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Instances;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Disks;

/// <summary>CreateDisk parameters after parsing; <see cref="Fingerprint"/> identifies the request for ClientToken reuse.</summary>
public sealed record CreateDiskInput(
    string RegionId,
    string? ZoneId,
    string? InstanceId,
    string Category,
    string? PerformanceLevel,
    int? Size,
    string? SnapshotId,
    string Name,
    string Description,
    EncryptedParameter Encrypted,
    string? KmsKeyId,
    IReadOnlyList<ResourceTag> Tags,
    string? ClientToken,
    string Fingerprint);

/// <summary>The disk actions of one account. Each method is one store transaction.</summary>
public sealed class DiskService(IStore store, TimeProvider time, ResourceTimings timings, DataKeyEnvelope envelope)
{
    public const string CreateDiskAction = "CreateDisk";

    public Task<Result<string>> CreateDiskAsync(Caller caller, CreateDiskInput input, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var region = RegionCatalog.Find(input.RegionId);
            if (region is null)
            {
                return ErrorCatalog.InvalidRegionIdNotFound;
            }

            var placement = await PlaceAsync(session, caller, region, input);
            if (!placement.IsSuccess)
            {
                return placement.Error;
            }

            var (zoneId, instance) = placement.Value;

            var reused = await ClientTokens.FindAsync(session, caller.AccountId, CreateDiskAction, input.ClientToken, input.Fingerprint);
            if (reused is { } previous)
            {
                return previous;
            }

            var snapshot = await FindSourceSnapshotAsync(session, caller.AccountId, input);
            if (!snapshot.IsSuccess)
            {
                return snapshot.Error;
            }

            var size = DiskSizing.Resolve(input.Category, input.PerformanceLevel, input.Size, snapshot.Value);
            if (!size.IsSuccess)
            {
                return size.Error;
            }

            var now = time.GetUtcNow();
            var source = snapshot.Value is { } from ? PlannedSource.Of(from) : null;
            var encryption = await EncryptionPlanner.PlanAsync(session, caller.AccountId, EncryptionOperation.NewDisk, source, input.Encrypted,
                input.KmsKeyId, region.Id, input.Category, now, ErrorCatalog.KmsKeyNotFoundForDisk, ErrorCatalog.KmsNotEnabled);
            if (!encryption.IsSuccess)
            {
                return encryption.Error;
            }

            var dataKey = await envelope.SealForAsync(session, source, caller.AccountId, region.Id, encryption.Value);
            if (!dataKey.IsSuccess)
            {
                return dataKey.Error;
            }

            var disk = new Disk(NewIds.Create(ResourceIds.DiskPrefix, region), caller.AccountId, region.Id, zoneId, input.Category,
                DiskSizing.PerformanceLevelOf(input.Category, input.PerformanceLevel), size.Value, input.Name, input.Description,
                instance is null ? DiskStatuses.Creating : DiskStatuses.InUse, now, now + timings.DiskCreation, encryption.Value.Encrypted,
                encryption.Value.KeyId, encryption.Value.Reason, snapshot.Value?.Id, DiskTypes.Data, instance?.Id, false, input.Tags, dataKey.Value);
            await session.InsertDiskAsync(disk);
            await ClientTokens.RecordAsync(session, caller.AccountId, CreateDiskAction, input.ClientToken, input.Fingerprint, disk.Id, now);
            return disk.Id;
        }, cancellationToken);

    public Task<Result<ResourcePage<Disk>>> DescribeDisksAsync(Caller caller, DiskQuery query, CancellationToken cancellationToken)
    {
        if (!RegionCatalog.Exists(query.RegionId))
        {
            return Task.FromResult(Result<ResourcePage<Disk>>.Failure(ErrorCatalog.InvalidRegionIdNotFound));
        }

        return store.ReadAsync(
            async session => Result<ResourcePage<Disk>>.Success(await session.ListDisksAsync(query with { AccountId = caller.AccountId, Now = time.GetUtcNow() })),
            cancellationToken);
    }

    public Task<Result<Unit>> DeleteDiskAsync(Caller caller, string diskId, CancellationToken cancellationToken) =>
        ChangeDiskAsync(caller, diskId, async (session, disk, now) =>
        {
            if (disk.StatusAt(now) != DiskStatuses.Available)
            {
                return ErrorCatalog.DiskStatusIncorrect;
            }

            await session.DeleteDiskAsync(disk.Id);
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> ResizeDiskAsync(Caller caller, string diskId, int newSize, CancellationToken cancellationToken) =>
        ChangeDiskAsync(caller, diskId, async (session, disk, now) =>
        {
            if (disk.StatusAt(now) is not (DiskStatuses.Available or DiskStatuses.InUse))
            {
                return ErrorCatalog.DiskStatusIncorrect;
            }

            if (newSize < disk.Size)
            {
                return ErrorCatalog.DiskSizeCannotShrink;
            }

            var category = DiskCategory.Find(disk.Category)!;
            if (newSize > category.MaxSize)
            {
                return ErrorCatalog.DiskSizeNotSupported.Format(category.Name, category.MinSizeFor(disk.PerformanceLevel), category.MaxSize);
            }

            await session.UpdateDiskAsync(disk with { Size = newSize, Status = disk.StatusAt(now) });
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> ModifyDiskAttributeAsync(
        Caller caller, string diskId, string? name, string? description, bool? deleteWithInstance, CancellationToken cancellationToken) =>
        ChangeDiskAsync(caller, diskId, async (session, disk, now) =>
        {
            await session.UpdateDiskAsync(disk with
            {
                Name = name ?? disk.Name,
                Description = description ?? disk.Description,
                DeleteWithInstance = deleteWithInstance ?? disk.DeleteWithInstance,
                Status = disk.StatusAt(now),
            });
            return Unit.Value;
        }, cancellationToken);

    /// <summary>Runs a change on a disk of the caller; another account's disk is reported as not found.</summary>
    private Task<Result<Unit>> ChangeDiskAsync(
        Caller caller, string diskId, Func<IStoreSession, Disk, DateTimeOffset, Task<Result<Unit>>> change, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var disk = await session.GetDiskAsync(diskId);
            if (disk is null || disk.AccountId != caller.AccountId)
            {
                return ErrorCatalog.DiskNotFound;
            }

            return await change(session, disk, time.GetUtcNow());
        }, cancellationToken);

    /// <summary>
    /// Finds where a new disk goes: the zone given, or the zone of the instance it is created for (a subscription disk,
    /// which is attached to that instance at once).
    /// </summary>
    private static async Task<Result<(string ZoneId, Instance? Instance)>> PlaceAsync(IStoreSession session, Caller caller, Region region, CreateDiskInput input)
    {
        if (input.InstanceId is not null)
        {
            if (input.ZoneId is not null)
            {
                return ErrorCatalog.ZoneIdAndInstanceIdConflict;
            }

            var instance = await session.GetInstanceAsync(input.InstanceId);
            return instance is null || instance.AccountId != caller.AccountId || instance.RegionId != region.Id
                ? ErrorCatalog.InstanceNotFound
                : (instance.ZoneId, instance);
        }

        if (input.ZoneId is null)
        {
            return ErrorCatalog.ZoneIdMissing;
        }

        return region.Zones.Contains(input.ZoneId) ? (input.ZoneId, (Instance?)null) : ErrorCatalog.ZoneNotFound;
    }

    private async Task<Result<Snapshot?>> FindSourceSnapshotAsync(IStoreSession session, string accountId, CreateDiskInput input)
    {
        if (input.SnapshotId is null)
        {
            return Result<Snapshot?>.Success(null);
        }

        var snapshot = await SnapshotAccess.FindUsableAsync(session, accountId, input.SnapshotId);
        if (snapshot is null || snapshot.RegionId != input.RegionId)
        {
            return ErrorCatalog.SnapshotNotFound;
        }

        return snapshot.StatusAt(time.GetUtcNow()) == SnapshotStatuses.Accomplished
            ? Result<Snapshot?>.Success(snapshot)
            : ErrorCatalog.SnapshotNotReady;
    }
}
