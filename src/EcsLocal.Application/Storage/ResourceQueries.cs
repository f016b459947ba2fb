using EcsLocal.Domain.Disks;

namespace EcsLocal.Application.Storage;

/// <summary>A position in a listing ordered by creation time and id, which NextToken paging resumes after.</summary>
public sealed record ResourceCursor(DateTimeOffset CreationTime, string Id);

/// <summary>The paging of a listing: by offset (PageNumber) or after a cursor (NextToken).</summary>
public interface IPagedQuery
{
    int Limit { get; }

    int Offset { get; }

    ResourceCursor? After { get; }
}

/// <summary>
/// Filters and paging of DescribeDisks within one account and region. A null filter is not applied. Paging is by
/// <see cref="Offset"/> (PageNumber) or by <see cref="After"/> (NextToken); <see cref="Now"/> decides which disks
/// in Creating already count as Available.
/// </summary>
public sealed record DiskQuery(
    string AccountId,
    string RegionId,
    DateTimeOffset Now,
    int Limit,
    int Offset = 0,
    ResourceCursor? After = null,
    IReadOnlyList<string>? DiskIds = null,
    string? InstanceId = null,
    string? ZoneId = null,
    string? Category = null,
    string? Status = null,
    bool? Encrypted = null,
    string? KmsKeyId = null,
    string? DiskType = null,
    string? DiskName = null,
    string? SnapshotId = null,
    IReadOnlyList<TagFilter>? Tags = null) : IPagedQuery;

/// <summary>Filters and paging of DescribeSnapshots within one account and region.</summary>
public sealed record SnapshotQuery(
    string AccountId,
    string RegionId,
    DateTimeOffset Now,
    int Limit,
    int Offset = 0,
    ResourceCursor? After = null,
    IReadOnlyList<string>? SnapshotIds = null,
    string? DiskId = null,
    string? Status = null,
    bool? Encrypted = null,
    string? KmsKeyId = null,
    string? SnapshotName = null,
    string? SourceDiskType = null,
    IReadOnlyList<TagFilter>? Tags = null) : IPagedQuery;

/// <summary>
/// Filters and paging of DescribeImages: which owners to include (system images, the caller's own, images shared
/// with the caller), and optional id, name and status filters.
/// </summary>
public sealed record ImageQuery(
    string AccountId,
    string RegionId,
    DateTimeOffset Now,
    int Limit,
    int Offset,
    bool IncludeSystem,
    bool IncludeSelf,
    bool IncludeShared,
    IReadOnlyList<string>? ImageIds = null,
    string? ImageName = null,
    IReadOnlyList<string>? Statuses = null);

/// <summary>Filters and paging of DescribeInstances within one account and region.</summary>
public sealed record InstanceQuery(
    string AccountId,
    string RegionId,
    DateTimeOffset Now,
    int Limit,
    int Offset = 0,
    ResourceCursor? After = null,
    IReadOnlyList<string>? InstanceIds = null,
    string? ZoneId = null,
    string? Status = null,
    string? InstanceName = null,
    string? ImageId = null,
    IReadOnlyList<TagFilter>? Tags = null) : IPagedQuery;

/// <summary>A tag filter: the key must be present and, when <see cref="Value"/> is set, have that value.</summary>
public sealed record TagFilter(string Key, string? Value);

/// <summary>A used ClientToken: the action, a fingerprint of its parameters and the resource it created.</summary>
public sealed record ClientTokenRecord(string AccountId, string Action, string Token, string Fingerprint, string ResourceId, DateTimeOffset CreatedAt);

/// <summary>A page of resources, the total over all pages, and the cursor of the last item for NextToken.</summary>
public sealed record ResourcePage<T>(IReadOnlyList<T> Items, int TotalCount, ResourceCursor? Last);
