using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;

namespace EcsLocal.Domain.Images;

public static class ImageStatuses
{
    public const string Creating = "Creating";
    public const string Available = "Available";
}

public static class ImageOwnerAliases
{
    public const string System = "system";
    public const string Self = "self";
    public const string Others = "others";
}

/// <summary>
/// One disk of an image: the snapshot with its data and the encryption that snapshot has. A system image's
/// mapping has no snapshot.
/// </summary>
public sealed record ImageDiskMapping(
    string Device, string Type, int Size, string? SnapshotId, bool Encrypted, string? KmsKeyId, KeyReason? KeyReason);

/// <summary>An account an image is shared with, and since when.</summary>
public sealed record ImageShare(string AccountId, DateTimeOffset SharedAt);

/// <summary>
/// A system image of the public catalogue or a custom image of an account. Encryption is reported per disk mapping,
/// never for the image as a whole.
/// </summary>
/// <param name="AccountId">The owner account; empty for a system image.</param>
public sealed record Image(
    string Id,
    string AccountId,
    string RegionId,
    string OwnerAlias,
    string Name,
    string Description,
    string Status,
    DateTimeOffset CreationTime,
    DateTimeOffset ReadyAt,
    string Platform,
    string OsType,
    string OsName,
    string Architecture,
    bool IsPublic,
    string? SourceImageId,
    string? SourceRegionId,
    IReadOnlyList<ImageDiskMapping> Mappings,
    IReadOnlyList<ResourceTag> Tags)
{
    public bool IsSystem => OwnerAlias == ImageOwnerAliases.System;

    /// <summary>The size in GiB of the system disk mapping, which DescribeImages reports as the image size.</summary>
    public int Size => Mappings.FirstOrDefault(mapping => mapping.Type == DiskTypes.System)?.Size ?? Mappings.FirstOrDefault()?.Size ?? 0;

    public string StatusAt(DateTimeOffset now) => Status == ImageStatuses.Creating && ReadyAt <= now ? ImageStatuses.Available : Status;
}
