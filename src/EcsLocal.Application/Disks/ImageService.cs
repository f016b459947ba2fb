using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Images;
using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Disks;

/// <summary>One requested disk of a new image: the snapshot and, optionally, its size, type and device.</summary>
public sealed record ImageMappingInput(string SnapshotId, int? Size, string? DiskType, string? Device);

public sealed record CreateImageInput(
    string RegionId,
    string? InstanceId,
    IReadOnlyList<ImageMappingInput> Mappings,
    string Name,
    string Description,
    string Platform,
    string Architecture,
    IReadOnlyList<ResourceTag> Tags,
    bool DryRun,
    string? ClientToken,
    string Fingerprint);

public sealed record CopyImageInput(
    string RegionId,
    string ImageId,
    string DestinationRegionId,
    string Name,
    string Description,
    EncryptedParameter Encrypted,
    string? KmsKeyId,
    IReadOnlyList<ResourceTag> Tags,
    bool DryRun,
    string? ClientToken,
    string Fingerprint);

/// <summary>The result of DescribeImageSharePermission.</summary>
public sealed record ImageSharing(Image Image, IReadOnlyList<ImageShare> Shares);

/// <summary>The image actions of one account. Each method is one store transaction.</summary>
public sealed class ImageService(IStore store, TimeProvider time, ResourceTimings timings, DataKeyEnvelope envelope)
{
    public const string CreateImageAction = "CreateImage";
    public const string CopyImageAction = "CopyImage";
    public const int MaxSharedAccounts = 50;

    /// <summary>Builds an image from snapshots; each disk keeps the encryption and key of its snapshot.</summary>
    public Task<Result<string>> CreateImageAsync(Caller caller, CreateImageInput input, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var region = RegionCatalog.Find(input.RegionId);
            if (region is null)
            {
                return ErrorCatalog.InvalidRegionIdNotFound;
            }

            if (input.InstanceId is null && input.Mappings.Count == 0)
            {
                return ErrorCatalog.ImageSourceMissing;
            }

            var reused = await ClientTokens.FindAsync(session, caller.AccountId, CreateImageAction, input.ClientToken, input.Fingerprint,
                ErrorCatalog.ImageIdempotenceMismatch);
            if (reused is { } previous)
            {
                return previous;
            }

            var now = time.GetUtcNow();
            var mappings = input.InstanceId is not null
                ? await SnapshotInstanceAsync(session, caller, region, input.InstanceId, input.DryRun, now)
                : await PlanMappingsAsync(session, caller.AccountId, region.Id, input.Mappings, now);
            if (!mappings.IsSuccess)
            {
                return mappings.Error;
            }

            if (input.DryRun)
            {
                return ErrorCatalog.DryRunOperation;
            }

            var image = new Image(NewIds.Create(ResourceIds.ImagePrefix, region), caller.AccountId, region.Id, ImageOwnerAliases.Self, input.Name,
                input.Description, ImageStatuses.Creating, now, now + timings.SnapshotCreation, input.Platform, "linux", input.Platform,
                input.Architecture, false, null, null, mappings.Value, input.Tags);
            await session.InsertImageAsync(image);
            await ClientTokens.RecordAsync(session, caller.AccountId, CreateImageAction, input.ClientToken, input.Fingerprint, image.Id, now);
            return image.Id;
        }, cancellationToken);

    public Task<Result<Page<Image>>> DescribeImagesAsync(Caller caller, ImageQuery query, CancellationToken cancellationToken)
    {
        if (!RegionCatalog.Exists(query.RegionId))
        {
            return Task.FromResult(Result<Page<Image>>.Failure(ErrorCatalog.InvalidRegionIdNotFound));
        }

        return store.ReadAsync(
            async session => Result<Page<Image>>.Success(await session.ListImagesAsync(query with { AccountId = caller.AccountId, Now = time.GetUtcNow() })),
            cancellationToken);
    }

    public Task<Result<Unit>> DeleteImageAsync(Caller caller, string regionId, string imageId, bool dryRun, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var image = await FindOwnImageAsync(session, caller, regionId, imageId);
            if (!image.IsSuccess)
            {
                return image.Error;
            }

            if (dryRun)
            {
                return ErrorCatalog.DryRunOperation;
            }

            await session.DeleteImageAsync(regionId, imageId);
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);

    /// <summary>
    /// Copies an image, whose own or shared source must be Available, to a region. The decision engine picks each disk's
    /// key, and each disk gets a new snapshot in the destination region.
    /// </summary>
    public Task<Result<string>> CopyImageAsync(Caller caller, CopyImageInput input, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var destination = RegionCatalog.Find(input.DestinationRegionId);
            if (!RegionCatalog.Exists(input.RegionId))
            {
                return ErrorCatalog.ImageSourceRegionNotFound;
            }

            if (destination is null)
            {
                return ErrorCatalog.ImageDestinationRegionNotFound;
            }

            var image = await FindVisibleCustomImageAsync(session, caller, input.RegionId, input.ImageId);
            if (!image.IsSuccess)
            {
                return image.Error;
            }

            var reused = await ClientTokens.FindAsync(session, caller.AccountId, CopyImageAction, input.ClientToken, input.Fingerprint,
                ErrorCatalog.ImageIdempotenceMismatch);
            if (reused is { } previous)
            {
                return previous;
            }

            var now = time.GetUtcNow();
            if (image.Value.StatusAt(now) != ImageStatuses.Available)
            {
                return ErrorCatalog.ImageNotAvailable;
            }

            var copies = await CopyMappingsAsync(session, caller, image.Value, destination, input, now);
            if (!copies.IsSuccess)
            {
                return copies.Error;
            }

            if (input.DryRun)
            {
                return ErrorCatalog.DryRunOperation;
            }

            var copy = image.Value with
            {
                Id = NewIds.Create(ResourceIds.ImagePrefix, destination),
                AccountId = caller.AccountId,
                RegionId = destination.Id,
                OwnerAlias = ImageOwnerAliases.Self,
                Name = input.Name.Length > 0 ? input.Name : image.Value.Name,
                Description = input.Description,
                Status = ImageStatuses.Creating,
                CreationTime = now,
                ReadyAt = now + timings.SnapshotCreation,
                IsPublic = false,
                SourceImageId = image.Value.Id,
                SourceRegionId = image.Value.RegionId,
                Mappings = copies.Value,
                Tags = input.Tags,
            };
            await session.InsertImageAsync(copy);
            await ClientTokens.RecordAsync(session, caller.AccountId, CopyImageAction, input.ClientToken, input.Fingerprint, copy.Id, now);
            return copy.Id;
        }, cancellationToken);

    /// <summary>
    /// Shares an own image with accounts or stops sharing it. Encrypted images may be shared only when every key is a
    /// BYOK customer key and the owner has the role AliyunECSShareEncryptImageDefaultRole, and are never public.
    /// </summary>
    public Task<Result<Unit>> ModifyImageSharePermissionAsync(
        Caller caller, string regionId, string imageId, IReadOnlyList<string> add, IReadOnlyList<string> remove, bool? isPublic, bool dryRun,
        CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var image = await FindOwnImageAsync(session, caller, regionId, imageId);
            if (!image.IsSuccess)
            {
                return image.Error;
            }

            var shareable = await CheckShareableAsync(session, caller, image.Value, add.Count > 0, isPublic == true);
            if (shareable is not null)
            {
                return shareable;
            }

            var accountError = await CheckShareAccountsAsync(session, caller, add.Concat(remove));
            if (accountError is not null)
            {
                return accountError;
            }

            return dryRun ? ErrorCatalog.DryRunOperation : await ApplySharesAsync(session, image.Value, add, remove, isPublic);
        }, cancellationToken);

    public Task<Result<ImageSharing>> DescribeImageSharePermissionAsync(Caller caller, string regionId, string imageId, CancellationToken cancellationToken) =>
        store.WriteAsync<ImageSharing>(async session =>
        {
            var image = await FindOwnImageAsync(session, caller, regionId, imageId);
            if (!image.IsSuccess)
            {
                return image.Error;
            }

            return new ImageSharing(image.Value, await session.ListImageSharesAsync(regionId, imageId));
        }, cancellationToken);

    private async Task<Result<IReadOnlyList<ImageDiskMapping>>> PlanMappingsAsync(
        IStoreSession session, string accountId, string regionId, IReadOnlyList<ImageMappingInput> inputs, DateTimeOffset now)
    {
        var mappings = new List<ImageDiskMapping>();
        for (var index = 0; index < inputs.Count; index++)
        {
            var mapping = await PlanMappingAsync(session, accountId, regionId, inputs[index], index, now);
            if (!mapping.IsSuccess)
            {
                return mapping.Error;
            }

            mappings.Add(mapping.Value);
        }

        return mappings;
    }

    /// <summary>
    /// Snapshots every disk of an instance, system disk first, for a new image. Each snapshot keeps its disk's
    /// encryption and key, and each key must be Enabled.
    /// </summary>
    private async Task<Result<IReadOnlyList<ImageDiskMapping>>> SnapshotInstanceAsync(
        IStoreSession session, Caller caller, Region region, string instanceId, bool dryRun, DateTimeOffset now)
    {
        var instance = await session.GetInstanceAsync(instanceId);
        if (instance is null || instance.AccountId != caller.AccountId || instance.RegionId != region.Id)
        {
            return ErrorCatalog.InstanceNotFound;
        }

        var mappings = new List<ImageDiskMapping>();
        foreach (var (disk, index) in (await session.ListInstanceDisksAsync(instance.Id)).Select((disk, index) => (disk, index)))
        {
            var encryption = await EncryptionPlanner.PlanAsync(session, caller.AccountId, EncryptionOperation.SnapshotFromDisk, PlannedSource.Of(disk),
                EncryptedParameter.Omitted, null, region.Id, null, now, ErrorCatalog.KmsKeyNotFoundForDisk, ErrorCatalog.KmsNotEnabled);
            if (!encryption.IsSuccess)
            {
                return encryption.Error;
            }

            var snapshot = new Snapshot(NewIds.Create(ResourceIds.SnapshotPrefix, region), caller.AccountId, region.Id, $"image snapshot of {disk.Id}",
                $"Created for an image of {instance.Id}", SnapshotStatuses.Progressing, now, now + timings.SnapshotCreation, disk.Id, disk.Size,
                disk.Type, disk.Category, encryption.Value.Encrypted, encryption.Value.KeyId, encryption.Value.Reason, null, null, null, []);
            if (!dryRun)
            {
                var dataKey = await envelope.SealForAsync(session, PlannedSource.Of(disk), caller.AccountId, region.Id, encryption.Value);
                if (!dataKey.IsSuccess)
                {
                    return dataKey.Error;
                }

                await session.InsertSnapshotAsync(snapshot with { DataKey = dataKey.Value });
            }

            mappings.Add(new ImageDiskMapping($"/dev/xvd{(char)('a' + index)}", disk.Type, disk.Size, snapshot.Id, snapshot.Encrypted,
                snapshot.KmsKeyId, snapshot.KeyReason));
        }

        return mappings;
    }

    private async Task<Result<ImageDiskMapping>> PlanMappingAsync(
        IStoreSession session, string accountId, string regionId, ImageMappingInput input, int index, DateTimeOffset now)
    {
        var snapshot = await session.GetSnapshotAsync(input.SnapshotId);
        if (snapshot is null || snapshot.AccountId != accountId || snapshot.RegionId != regionId)
        {
            return ErrorCatalog.SnapshotNotFound;
        }

        if (snapshot.StatusAt(now) != SnapshotStatuses.Accomplished)
        {
            return ErrorCatalog.SnapshotNotReady;
        }

        var size = input.Size ?? snapshot.SourceDiskSize;
        if (size < snapshot.SourceDiskSize)
        {
            return ErrorCatalog.DiskSizeTooSmall;
        }

        var encryption = await EncryptionPlanner.PlanAsync(session, accountId, EncryptionOperation.ImageFromSource,
            new PlannedSource(snapshot.AccountId, snapshot.RegionId, snapshot.Encrypted, snapshot.KmsKeyId), EncryptedParameter.Omitted, null,
            regionId, null, now, ErrorCatalog.KmsKeyNotFoundForDisk, ErrorCatalog.KmsNotEnabled);
        if (!encryption.IsSuccess)
        {
            return encryption.Error;
        }

        var type = input.DiskType ?? (index == 0 ? DiskTypes.System : DiskTypes.Data);
        var device = input.Device ?? $"/dev/xvd{(char)('a' + index)}";
        return new ImageDiskMapping(device, type, size, snapshot.Id, encryption.Value.Encrypted, encryption.Value.KeyId, encryption.Value.Reason);
    }

    private async Task<Result<IReadOnlyList<ImageDiskMapping>>> CopyMappingsAsync(
        IStoreSession session, Caller caller, Image image, Region destination, CopyImageInput input, DateTimeOffset now)
    {
        var copies = new List<ImageDiskMapping>();
        foreach (var mapping in image.Mappings)
        {
            var encryption = await EncryptionPlanner.PlanAsync(session, caller.AccountId, EncryptionOperation.ImageCopy,
                new PlannedSource(image.AccountId, image.RegionId, mapping.Encrypted, mapping.KmsKeyId), input.Encrypted, input.KmsKeyId,
                destination.Id, null, now, ErrorCatalog.KmsKeyNotFoundForDisk, ErrorCatalog.ImageCopyKmsNotEnabled);
            if (!encryption.IsSuccess)
            {
                return encryption.Error;
            }

            var snapshotId = NewIds.Create(ResourceIds.SnapshotPrefix, destination);
            if (!input.DryRun)
            {
                var source = mapping.SnapshotId is null ? null : await session.GetSnapshotAsync(mapping.SnapshotId);
                var dataKey = await envelope.SealForAsync(session, PlannedSource.Of(image.AccountId, image.RegionId, mapping, source), caller.AccountId,
                    destination.Id, encryption.Value);
                if (!dataKey.IsSuccess)
                {
                    return dataKey.Error;
                }

                await session.InsertSnapshotAsync(new Snapshot(snapshotId, caller.AccountId, destination.Id, $"copy of {mapping.SnapshotId}",
                    $"Created for image copy of {image.Id}", SnapshotStatuses.Progressing, now, now + timings.SnapshotCreation,
                    source?.SourceDiskId ?? "", mapping.Size, mapping.Type, source?.SourceDiskCategory ?? "cloud_essd", encryption.Value.Encrypted,
                    encryption.Value.KeyId, encryption.Value.Reason, image.RegionId, mapping.SnapshotId, null, [], dataKey.Value));
            }

            copies.Add(mapping with
            {
                SnapshotId = snapshotId,
                Encrypted = encryption.Value.Encrypted,
                KmsKeyId = encryption.Value.KeyId,
                KeyReason = encryption.Value.Reason,
            });
        }

        return copies;
    }

    private static async Task<ServiceError?> CheckShareableAsync(IStoreSession session, Caller caller, Image image, bool sharing, bool makePublic)
    {
        var encrypted = image.Mappings.Where(mapping => mapping.Encrypted).ToList();
        if (encrypted.Count == 0 || (!sharing && !makePublic))
        {
            return null;
        }

        foreach (var mapping in encrypted)
        {
            var key = await session.GetKeyAsync(caller.AccountId, image.RegionId, mapping.KmsKeyId!);
            var error = EncryptionDecisionEngine.CheckShareable(true, key?.IsServiceKey ?? mapping.KeyReason == KeyReason.ServiceKey,
                key?.Origin == KeyOrigins.External, makePublic);
            if (error is not null)
            {
                return error;
            }
        }

        return await session.HasRoleAsync(caller.AccountId, ServiceRoles.ShareEncryptImageDefault) ? null : ErrorCatalog.ShareRoleMissing;
    }

    private static async Task<ServiceError?> CheckShareAccountsAsync(IStoreSession session, Caller caller, IEnumerable<string> accountIds)
    {
        foreach (var accountId in accountIds)
        {
            if (accountId == caller.AccountId)
            {
                return ErrorCatalog.ShareWithSelf;
            }

            if (!AccountIds.IsValid(accountId) || await session.GetAccountAsync(accountId) is null)
            {
                return ErrorCatalog.ShareAccountNotFound.Format(accountId);
            }
        }

        return null;
    }

    private async Task<Result<Unit>> ApplySharesAsync(
        IStoreSession session, Image image, IReadOnlyList<string> add, IReadOnlyList<string> remove, bool? isPublic)
    {
        var now = time.GetUtcNow();
        foreach (var accountId in add)
        {
            await session.AddImageShareAsync(image.RegionId, image.Id, new ImageShare(accountId, now));
        }

        foreach (var accountId in remove)
        {
            await session.RemoveImageShareAsync(image.RegionId, image.Id, accountId);
        }

        if ((await session.ListImageSharesAsync(image.RegionId, image.Id)).Count > MaxSharedAccounts)
        {
            return ErrorCatalog.ShareAccountQuota;
        }

        if (isPublic is { } makePublic && makePublic != image.IsPublic)
        {
            await session.UpdateImageAsync(image with { IsPublic = makePublic, Status = image.StatusAt(now) });
        }

        return Unit.Value;
    }

    private static async Task<Result<Image>> FindOwnImageAsync(IStoreSession session, Caller caller, string regionId, string imageId)
    {
        if (!RegionCatalog.Exists(regionId))
        {
            return ErrorCatalog.InvalidRegionIdNotFound;
        }

        var image = await session.GetImageAsync(regionId, imageId);
        if (image is { IsSystem: true })
        {
            return ErrorCatalog.ImageNotCustom;
        }

        return image is null || image.AccountId != caller.AccountId ? ErrorCatalog.ImageNotFound : image;
    }

    private static async Task<Result<Image>> FindVisibleCustomImageAsync(IStoreSession session, Caller caller, string regionId, string imageId)
    {
        var image = await session.GetImageAsync(regionId, imageId);
        if (image is { IsSystem: true })
        {
            return ErrorCatalog.ImageNotCustom;
        }

        if (image is null)
        {
            return ErrorCatalog.ImageNotFound;
        }

        if (image.AccountId == caller.AccountId)
        {
            return image;
        }

        var shares = await session.ListImageSharesAsync(regionId, imageId);
        return shares.Any(share => share.AccountId == caller.AccountId) ? image : ErrorCatalog.ImageNotFound;
    }
}
