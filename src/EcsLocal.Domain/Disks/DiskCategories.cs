namespace EcsLocal.Domain.Disks;

/// <summary>A disk category with the sizes, in GiB, and performance levels it accepts.</summary>
public sealed record DiskCategory(string Name, int MinSize, int MaxSize, IReadOnlyDictionary<string, int>? PerformanceLevelMinSizes = null)
{
    public const string DefaultName = "cloud";
    public const string DefaultPerformanceLevel = "PL1";

    /// <summary>The categories CreateDisk accepts, with the service's documented size ranges.</summary>
    public static IReadOnlyList<DiskCategory> All { get; } =
    [
        new("cloud", 5, 2_000),
        new("cloud_efficiency", 20, 32_768),
        new("cloud_ssd", 20, 32_768),
        new("cloud_essd", 1, 65_536, new Dictionary<string, int>
        {
            ["PL0"] = 1,
            ["PL1"] = 20,
            ["PL2"] = 461,
            ["PL3"] = 1_261,
        }),
        new("cloud_auto", 1, 65_536),
        new("cloud_essd_entry", 10, 32_768),
    ];

    public bool HasPerformanceLevels => PerformanceLevelMinSizes is not null;

    public static DiskCategory? Find(string name) => All.FirstOrDefault(category => category.Name == name);

    /// <summary>Returns the smallest size this category accepts at the given performance level.</summary>
    public int MinSizeFor(string? performanceLevel) =>
        performanceLevel is not null && PerformanceLevelMinSizes?.GetValueOrDefault(performanceLevel) is int min ? min : MinSize;
}
