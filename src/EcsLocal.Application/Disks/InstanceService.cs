using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Images;
using EcsLocal.Domain.Instances;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Disks;

/// <summary>A disk that RunInstances or CreateInstance creates: the system disk or one <c>DataDisk.N</c>.</summary>
public sealed record DiskRequest(
    string Category,
    string? PerformanceLevel,
    int? Size,
    string? SnapshotId,
    EncryptedParameter Encrypted,
    string? KmsKeyId,
    string Name,
    string Description,
    bool DeleteWithInstance);

/// <param name="Start">True for RunInstances, whose instances start; false for CreateInstance, whose instance stays Stopped.</param>
public sealed record LaunchInput(
    string RegionId,
    string? ZoneId,
    string ImageId,
    string InstanceType,
    int Amount,
    string Name,
    string Description,
    DiskRequest SystemDisk,
    IReadOnlyList<DiskRequest> DataDisks,
    IReadOnlyList<ResourceTag> Tags,
    bool Start,
    bool DryRun,
    string? ClientToken,
    string Fingerprint);

/// <summary>
/// Instances as far as their disks need them. Every disk of a launch is planned through the encryption decision
/// engine before anything is written, so one rejected disk leaves no instance and no disk behind.
/// </summary>
public sealed class InstanceService(IStore store, TimeProvider time, ResourceTimings timings, DataKeyEnvelope envelope)
{
    public const int MaxAmount = 100;
    public const int MaxDataDisks = 16;

    private sealed record PlannedDisk(DiskRequest Request, string Type, int Size, string? SourceSnapshotId, PlannedSource? Source, PlannedEncryption Encryption);

    public Task<Result<IReadOnlyList<string>>> LaunchAsync(Caller caller, LaunchInput input, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var region = RegionCatalog.Find(input.RegionId);
            if (region is null)
            {
                return ErrorCatalog.InvalidRegionIdNotFound;
            }

            var zoneId = input.ZoneId ?? region.Zones[0];
            if (!region.Zones.Contains(zoneId))
            {
                return ErrorCatalog.ZoneNotFound;
            }

            var action = input.Start ? "RunInstances" : "CreateInstance";
            var reused = await ClientTokens.FindAsync(session, caller.AccountId, action, input.ClientToken, input.Fingerprint);
            if (reused is { } previous)
            {
                return previous.IsSuccess ? previous.Value.Split(',') : previous.Error;
            }

            var now = time.GetUtcNow();
            var disks = await PlanDisksAsync(session, caller, region, input, now);
            if (!disks.IsSuccess)
            {
                return disks.Error;
            }

            if (input.DryRun)
            {
                return ErrorCatalog.DryRunOperation;
            }

            var ids = new List<string>();
            for (var i = 0; i < input.Amount; i++)
            {
                var id = await CreateInstanceAsync(session, caller, region, zoneId, input, disks.Value, now);
                if (!id.IsSuccess)
                {
                    return id.Error;
                }

                ids.Add(id.Value);
            }

            await ClientTokens.RecordAsync(session, caller.AccountId, action, input.ClientToken, input.Fingerprint, string.Join(',', ids), now);
            return Result<IReadOnlyList<string>>.Success(ids);
        }, cancellationToken);

    public Task<Result<ResourcePage<Instance>>> DescribeInstancesAsync(Caller caller, InstanceQuery query, CancellationToken cancellationToken)
    {
        if (!RegionCatalog.Exists(query.RegionId))
        {
            return Task.FromResult(Result<ResourcePage<Instance>>.Failure(ErrorCatalog.InvalidRegionIdNotFound));
        }

        return store.ReadAsync(
            async session => Result<ResourcePage<Instance>>.Success(
                await session.ListInstancesAsync(query with { AccountId = caller.AccountId, Now = time.GetUtcNow() })),
            cancellationToken);
    }

    public Task<Result<Unit>> StartAsync(Caller caller, string instanceId, CancellationToken cancellationToken) =>
        ChangeStateAsync(caller, instanceId, InstanceStatuses.Stopped, InstanceStatuses.Running, cancellationToken);

    public Task<Result<Unit>> StopAsync(Caller caller, string instanceId, CancellationToken cancellationToken) =>
        ChangeStateAsync(caller, instanceId, InstanceStatuses.Running, InstanceStatuses.Stopped, cancellationToken);

    /// <summary>
    /// Deletes instances with the disks marked DeleteWithInstance; other disks become Available. A running instance
    /// needs <paramref name="force"/>.
    /// </summary>
    public Task<Result<Unit>> DeleteAsync(Caller caller, IReadOnlyList<string> instanceIds, string? regionId, bool force, bool dryRun, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var now = time.GetUtcNow();
            foreach (var instanceId in instanceIds)
            {
                var instance = await session.GetInstanceAsync(instanceId);
                if (instance is null || instance.AccountId != caller.AccountId || (regionId is not null && instance.RegionId != regionId))
                {
                    return ErrorCatalog.InstanceNotFound;
                }

                if (instance.StatusAt(now) != InstanceStatuses.Stopped && !force)
                {
                    return ErrorCatalog.InstanceStatusIncorrect;
                }

                if (!dryRun)
                {
                    await DeleteWithDisksAsync(session, instance);
                }
            }

            return dryRun ? ErrorCatalog.DryRunOperation : Result<Unit>.Success(Unit.Value);
        }, cancellationToken);

    /// <summary>Attaches an Available disk to an instance of its zone; an encrypted disk's key must be Enabled.</summary>
    public Task<Result<Unit>> AttachDiskAsync(Caller caller, string diskId, string instanceId, bool? deleteWithInstance, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var (disk, instance, error) = await FindDiskAndInstanceAsync(session, caller, diskId, instanceId);
            if (error is not null)
            {
                return error;
            }

            var now = time.GetUtcNow();
            if (disk!.StatusAt(now) != DiskStatuses.Available || instance!.StatusAt(now) is not (InstanceStatuses.Running or InstanceStatuses.Stopped))
            {
                return disk.StatusAt(now) != DiskStatuses.Available ? ErrorCatalog.DiskStatusIncorrect : ErrorCatalog.InstanceStatusIncorrect;
            }

            if (disk.ZoneId != instance.ZoneId)
            {
                return ErrorCatalog.DiskZoneMismatch;
            }

            if (disk.Encrypted && (await session.GetKeyAsync(disk.AccountId, disk.RegionId, disk.KmsKeyId!))?.State != Domain.Kms.KeyState.Enabled)
            {
                return ErrorCatalog.CmkNotEnabled;
            }

            await session.UpdateDiskAsync(disk with
            {
                Status = DiskStatuses.InUse,
                InstanceId = instance.Id,
                DeleteWithInstance = deleteWithInstance ?? disk.DeleteWithInstance,
            });
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);

    public Task<Result<Unit>> DetachDiskAsync(Caller caller, string diskId, string instanceId, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var (disk, instance, error) = await FindDiskAndInstanceAsync(session, caller, diskId, instanceId);
            if (error is not null)
            {
                return error;
            }

            if (disk!.InstanceId != instance!.Id)
            {
                return ErrorCatalog.DiskNotAttachedToInstance;
            }

            if (disk.Type == DiskTypes.System)
            {
                return ErrorCatalog.SystemDiskCannotDetach;
            }

            await session.UpdateDiskAsync(disk with { Status = DiskStatuses.Available, InstanceId = null });
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);

    private async Task<Result<IReadOnlyList<PlannedDisk>>> PlanDisksAsync(IStoreSession session, Caller caller, Region region, LaunchInput input, DateTimeOffset now)
    {
        var image = await FindLaunchImageAsync(session, caller, region.Id, input.ImageId, now);
        if (!image.IsSuccess)
        {
            return image.Error;
        }

        // A public system image counts as the caller's own non-encrypted source; a custom image belongs to its owner.
        var owner = image.Value.IsSystem ? caller.AccountId : image.Value.AccountId;
        var planned = new List<PlannedDisk>();
        foreach (var (mapping, index) in image.Value.Mappings.Select((mapping, index) => (mapping, index)))
        {
            var request = index == 0 ? input.SystemDisk : input.SystemDisk with
            {
                Size = null,
                Encrypted = EncryptedParameter.Omitted,
                KmsKeyId = null,
                Name = "",
                Description = "",
                DeleteWithInstance = true,
            };
            var carrier = mapping.SnapshotId is null ? null : await session.GetSnapshotAsync(mapping.SnapshotId);
            var source = PlannedSource.Of(owner, region.Id, mapping, carrier);
            var disk = await PlanDiskAsync(session, caller, region, request, index == 0 ? DiskTypes.System : DiskTypes.Data, source, mapping.Size,
                mapping.SnapshotId, now);
            if (!disk.IsSuccess)
            {
                return disk.Error;
            }

            planned.Add(disk.Value);
        }

        foreach (var request in input.DataDisks)
        {
            var snapshot = request.SnapshotId is null ? null : await SnapshotAccess.FindUsableAsync(session, caller.AccountId, request.SnapshotId);
            if (request.SnapshotId is not null && (snapshot is null || snapshot.RegionId != region.Id))
            {
                return ErrorCatalog.SnapshotNotFound;
            }

            var source = snapshot is null ? null : PlannedSource.Of(snapshot);
            var disk = await PlanDiskAsync(session, caller, region, request, DiskTypes.Data, source, snapshot?.SourceDiskSize, snapshot?.Id, now);
            if (!disk.IsSuccess)
            {
                return disk.Error;
            }

            planned.Add(disk.Value);
        }

        return planned;
    }

    private static async Task<Result<PlannedDisk>> PlanDiskAsync(
        IStoreSession session, Caller caller, Region region, DiskRequest request, string type, PlannedSource? source, int? sourceSize,
        string? sourceSnapshotId, DateTimeOffset now)
    {
        var category = DiskCategory.Find(request.Category)!;
        var size = request.Size ?? Math.Max(sourceSize ?? 0, category.MinSizeFor(DiskSizing.PerformanceLevelOf(category.Name, request.PerformanceLevel)));
        if (sourceSize is not null && size < sourceSize)
        {
            return ErrorCatalog.DiskSizeTooSmall;
        }

        var min = category.MinSizeFor(DiskSizing.PerformanceLevelOf(category.Name, request.PerformanceLevel));
        if (size < min || size > category.MaxSize)
        {
            return ErrorCatalog.DiskSizeNotSupported.Format(category.Name, min, category.MaxSize);
        }

        var encryption = await EncryptionPlanner.PlanAsync(session, caller.AccountId, EncryptionOperation.NewDisk, source, request.Encrypted,
            request.KmsKeyId, region.Id, category.Name, now, ErrorCatalog.KmsKeyNotFoundForDisk, ErrorCatalog.KmsNotEnabled);
        return encryption.IsSuccess ? new PlannedDisk(request, type, size, sourceSnapshotId, source, encryption.Value) : encryption.Error;
    }

    /// <summary>Inserts an instance with its planned disks; each encrypted disk gets its data key, sealed here.</summary>
    private async Task<Result<string>> CreateInstanceAsync(
        IStoreSession session, Caller caller, Region region, string zoneId, LaunchInput input, IReadOnlyList<PlannedDisk> disks, DateTimeOffset now)
    {
        var instance = new Instance(NewIds.Create(ResourceIds.InstancePrefix, region), caller.AccountId, region.Id, zoneId, input.InstanceType,
            input.ImageId, input.Name, input.Description, input.Start ? InstanceStatuses.Pending : InstanceStatuses.Stopped, now,
            now + timings.DiskCreation, input.Tags);
        await session.InsertInstanceAsync(instance);
        foreach (var disk in disks)
        {
            var request = disk.Request;
            var dataKey = await envelope.SealForAsync(session, disk.Source, caller.AccountId, region.Id, disk.Encryption);
            if (!dataKey.IsSuccess)
            {
                return dataKey.Error;
            }

            await session.InsertDiskAsync(new Disk(NewIds.Create(ResourceIds.DiskPrefix, region), caller.AccountId, region.Id, zoneId, request.Category,
                DiskSizing.PerformanceLevelOf(request.Category, request.PerformanceLevel), disk.Size, request.Name, request.Description,
                DiskStatuses.InUse, now, now, disk.Encryption.Encrypted, disk.Encryption.KeyId, disk.Encryption.Reason, disk.SourceSnapshotId,
                disk.Type, instance.Id, disk.Type == DiskTypes.System || request.DeleteWithInstance, [], dataKey.Value));
        }

        return instance.Id;
    }

    private static async Task<Result<Image>> FindLaunchImageAsync(IStoreSession session, Caller caller, string regionId, string imageId, DateTimeOffset now)
    {
        var image = await session.GetImageAsync(regionId, imageId);
        if (image is null)
        {
            return ErrorCatalog.ImageNotFound;
        }

        var visible = image.IsSystem || image.IsPublic || image.AccountId == caller.AccountId ||
            (await session.ListImageSharesAsync(regionId, imageId)).Any(share => share.AccountId == caller.AccountId);
        if (!visible)
        {
            return ErrorCatalog.ImageNotFound;
        }

        return image.StatusAt(now) == ImageStatuses.Available ? image : ErrorCatalog.ImageNotAvailable;
    }

    private Task<Result<Unit>> ChangeStateAsync(Caller caller, string instanceId, string from, string to, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var instance = await session.GetInstanceAsync(instanceId);
            if (instance is null || instance.AccountId != caller.AccountId)
            {
                return ErrorCatalog.InstanceNotFound;
            }

            if (instance.StatusAt(time.GetUtcNow()) != from)
            {
                return ErrorCatalog.InstanceStatusIncorrect;
            }

            await session.UpdateInstanceAsync(instance with { Status = to });
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);

    private static async Task DeleteWithDisksAsync(IStoreSession session, Instance instance)
    {
        foreach (var disk in await session.ListInstanceDisksAsync(instance.Id))
        {
            if (disk.DeleteWithInstance)
            {
                await session.DeleteDiskAsync(disk.Id);
            }
            else
            {
                await session.UpdateDiskAsync(disk with { Status = DiskStatuses.Available, InstanceId = null });
            }
        }

        await session.DeleteInstanceAsync(instance.Id);
    }

    private static async Task<(Disk? Disk, Instance? Instance, ServiceError? Error)> FindDiskAndInstanceAsync(
        IStoreSession session, Caller caller, string diskId, string instanceId)
    {
        var disk = await session.GetDiskAsync(diskId);
        if (disk is null || disk.AccountId != caller.AccountId)
        {
            return (null, null, ErrorCatalog.DiskNotFound);
        }

        var instance = await session.GetInstanceAsync(instanceId);
        return instance is null || instance.AccountId != caller.AccountId ? (disk, null, ErrorCatalog.InstanceNotFound) : (disk, instance, null);
    }
}
