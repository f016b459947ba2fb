using EcsLocal.Domain.Encryption;

namespace EcsLocal.Domain.Disks;

public static class SnapshotStatuses
{
    public const string Progressing = "progressing";
    public const string Accomplished = "accomplished";
}

/// <summary>A snapshot of a disk, or a copy of another snapshot. It keeps the encryption its source had or was given.</summary>
/// <param name="DataKey">The data key of the snapshot's disk, sealed under the snapshot's KMS key; null when not encrypted.</param>
/// <param name="SourceRegionId">For a copy, the region of the snapshot it was copied from; null for a snapshot of a disk.</param>
public sealed record Snapshot(
    string Id,
    string AccountId,
    string RegionId,
    string Name,
    string Description,
    string Status,
    DateTimeOffset CreationTime,
    DateTimeOffset ReadyAt,
    string SourceDiskId,
    int SourceDiskSize,
    string SourceDiskType,
    string SourceDiskCategory,
    bool Encrypted,
    string? KmsKeyId,
    KeyReason? KeyReason,
    string? SourceRegionId,
    string? SourceSnapshotId,
    int? RetentionDays,
    IReadOnlyList<ResourceTag> Tags,
    string? DataKey = null)
{
    public string StatusAt(DateTimeOffset now) => Status == SnapshotStatuses.Progressing && ReadyAt <= now ? SnapshotStatuses.Accomplished : Status;

    /// <summary>Returns the progress as the API shows it, such as <c>40%</c>, growing linearly until the snapshot is ready.</summary>
    public string ProgressAt(DateTimeOffset now)
    {
        if (StatusAt(now) == SnapshotStatuses.Accomplished)
        {
            return "100%";
        }

        var total = (ReadyAt - CreationTime).TotalMilliseconds;
        var done = total <= 0 ? 100 : Math.Clamp((int)((now - CreationTime).TotalMilliseconds * 100 / total), 0, 99);
        return $"{done}%";
    }
}
