using EcsLocal.Domain.Disks;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>The <c>Disks.Disk[]</c> and <c>Snapshots.Snapshot[]</c> items with the wire names of ECS 2014-05-26.</summary>
internal static class ResourceResponses
{
    public static object Disk(Disk disk, DateTimeOffset now) => new
    {
        DiskId = disk.Id,
        DiskName = disk.Name,
        disk.Description,
        disk.RegionId,
        disk.ZoneId,
        disk.Category,
        PerformanceLevel = disk.PerformanceLevel ?? "",
        disk.Size,
        Status = disk.StatusAt(now),
        disk.Type,
        disk.Encrypted,
        KMSKeyId = disk.KmsKeyId ?? "",
        CreationTime = WireFormat.Time(disk.CreationTime),
        SourceSnapshotId = disk.SourceSnapshotId ?? "",
        InstanceId = disk.InstanceId ?? "",
        Device = "",
        disk.DeleteWithInstance,
        DeleteAutoSnapshot = true,
        EnableAutoSnapshot = false,
        Portable = disk.Type == DiskTypes.Data,
        DiskChargeType = "PostPaid",
        MultiAttach = "Disabled",
        BurstingEnabled = false,
        ImageId = "",
        ResourceGroupId = "",
        Tags = new { Tag = disk.Tags.Select(Tag).ToArray() },
        Attachments = new { Attachment = Array.Empty<object>() },
        OperationLocks = new { OperationLock = Array.Empty<object>() },
        MountInstances = new { MountInstance = Array.Empty<object>() },
    };

    public static object Snapshot(Snapshot snapshot, DateTimeOffset now) => new
    {
        SnapshotId = snapshot.Id,
        SnapshotName = snapshot.Name,
        snapshot.Description,
        snapshot.RegionId,
        Status = snapshot.StatusAt(now),
        Progress = snapshot.ProgressAt(now),
        Available = snapshot.StatusAt(now) == SnapshotStatuses.Accomplished,
        CreationTime = WireFormat.Time(snapshot.CreationTime),
        LastModifiedTime = WireFormat.Time(snapshot.CreationTime),
        snapshot.SourceDiskId,
        SourceDiskSize = snapshot.SourceDiskSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        snapshot.SourceDiskType,
        SourceStorageType = "disk",
        SourceRegionId = snapshot.SourceRegionId ?? "",
        SourceSnapshotId = snapshot.SourceSnapshotId ?? "",
        snapshot.Encrypted,
        KMSKeyId = snapshot.KmsKeyId ?? "",
        snapshot.RetentionDays,
        Category = "standard",
        SnapshotType = "user",
        Usage = "none",
        InstantAccess = false,
        ResourceGroupId = "",
        Tags = new { Tag = snapshot.Tags.Select(Tag).ToArray() },
    };

    private static object Tag(ResourceTag tag) => new { TagKey = tag.Key, TagValue = tag.Value };
}
