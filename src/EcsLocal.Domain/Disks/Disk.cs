using EcsLocal.Domain.Encryption;

namespace EcsLocal.Domain.Disks;

public static class DiskStatuses
{
    public const string Creating = "Creating";
    public const string Available = "Available";
    public const string InUse = "In_use";
}

public static class DiskTypes
{
    public const string System = "system";
    public const string Data = "data";
}

/// <summary>A tag of a disk, snapshot or image.</summary>
public sealed record ResourceTag(string Key, string Value);

/// <summary>
/// A cloud disk. Encryption never changes after creation: <see cref="KmsKeyId"/> and <see cref="KeyReason"/> are
/// what the decision engine chose when the disk was created.
/// </summary>
/// <param name="ReadyAt">When a disk in Creating becomes Available.</param>
/// <param name="DataKey">
/// For an encrypted disk, the disk's data key sealed under its KMS key, as a KMS ciphertext blob. It is null for a
/// plain disk and for a disk stored before envelope encryption.
/// </param>
public sealed record Disk(
    string Id,
    string AccountId,
    string RegionId,
    string ZoneId,
    string Category,
    string? PerformanceLevel,
    int Size,
    string Name,
    string Description,
    string Status,
    DateTimeOffset CreationTime,
    DateTimeOffset ReadyAt,
    bool Encrypted,
    string? KmsKeyId,
    KeyReason? KeyReason,
    string? SourceSnapshotId,
    string Type,
    string? InstanceId,
    bool DeleteWithInstance,
    IReadOnlyList<ResourceTag> Tags,
    string? DataKey = null)
{
    /// <summary>Returns the status at <paramref name="now"/>, counting a creation that is due as finished.</summary>
    public string StatusAt(DateTimeOffset now) => Status == DiskStatuses.Creating && ReadyAt <= now ? DiskStatuses.Available : Status;
}
