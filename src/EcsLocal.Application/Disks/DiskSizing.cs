using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Errors;

namespace EcsLocal.Application.Disks;

/// <summary>The size rules of CreateDisk: the category's range, and a disk from a snapshot at least as large as its source.</summary>
internal static class DiskSizing
{
    public static Result<int> Resolve(string categoryName, string? performanceLevel, int? size, Snapshot? snapshot)
    {
        var category = DiskCategory.Find(categoryName)!;
        if (size is null && snapshot is null)
        {
            return ErrorCatalog.SizeOrSnapshotMissing;
        }

        var effective = size ?? Math.Max(snapshot!.SourceDiskSize, category.MinSizeFor(PerformanceLevelOf(categoryName, performanceLevel)));
        if (snapshot is not null && effective < snapshot.SourceDiskSize)
        {
            return ErrorCatalog.DiskSizeTooSmall;
        }

        var min = category.MinSizeFor(PerformanceLevelOf(categoryName, performanceLevel));
        return effective < min || effective > category.MaxSize
            ? ErrorCatalog.DiskSizeNotSupported.Format(category.Name, min, category.MaxSize)
            : effective;
    }

    /// <summary>Returns the performance level an ESSD gets (PL1 unless given); other categories have none.</summary>
    public static string? PerformanceLevelOf(string categoryName, string? performanceLevel) =>
        DiskCategory.Find(categoryName)?.HasPerformanceLevels == true ? performanceLevel ?? DiskCategory.DefaultPerformanceLevel : null;
}
