using EcsLocal.Domain.Regions;

namespace EcsLocal.Domain.Disks;

/// <summary>Resource ids in the service's format: a prefix, the region's two-character code and 18 characters.</summary>
public static class ResourceIds
{
    public const string DiskPrefix = "d";
    public const string SnapshotPrefix = "s";
    public const string ImagePrefix = "m";
    public const string InstancePrefix = "i";
    public const int RandomLength = 18;
    public const string RandomAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Builds an id such as <c>d-bp1a2b...</c> from 18 random characters of <see cref="RandomAlphabet"/>.</summary>
    public static string Format(string prefix, Region region, string randomPart) => $"{prefix}-{region.IdCode}{randomPart}";

    public static bool HasPrefix(string id, string prefix) => id.StartsWith(prefix + "-", StringComparison.Ordinal);
}
