namespace EcsLocal.Domain.Encryption;

/// <summary>The ECS disk categories that the encryption rules name.</summary>
public static class DiskCategories
{
    public const string Cloud = "cloud";
    public const string CloudEfficiency = "cloud_efficiency";
    public const string CloudSsd = "cloud_ssd";
    public const string CloudEssd = "cloud_essd";
    public const string CloudEssdEntry = "cloud_essd_entry";
    public const string CloudAuto = "cloud_auto";

    /// <summary>
    /// Returns whether a category cannot be encrypted when made from a non-encrypted snapshot or image: basic
    /// (<c>cloud</c>), ultra (<c>cloud_efficiency</c>) and standard SSD (<c>cloud_ssd</c>) disks.
    /// </summary>
    public static bool IsWithoutSnapshotEncryption(string category) =>
        category is Cloud or CloudEfficiency or CloudSsd;

    /// <summary>
    /// Returns whether a disk of this category may be made from a snapshot or image while default encryption is on.
    /// </summary>
    public static bool AllowsSourceUnderDefaultEncryption(string category) =>
        category is CloudEssd or CloudEssdEntry or CloudAuto;
}
