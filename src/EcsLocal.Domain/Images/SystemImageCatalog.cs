using EcsLocal.Domain.Disks;

namespace EcsLocal.Domain.Images;

/// <summary>
/// The public system images every region offers, so RunInstances works without a custom image. They are not
/// encrypted. The ids follow the service's naming of Alibaba Cloud Linux, Ubuntu, CentOS and Windows images; the
/// dates in them are chosen for EcsLocal.
/// </summary>
public static class SystemImageCatalog
{
    private static readonly DateTimeOffset s_published = new(2024, 8, 19, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, string Name, string Platform, string OsType, string OsName, int Size)[] s_images =
    [
        ("aliyun_3_x64_20G_alibase_20240819.vhd", "Alibaba Cloud Linux 3.2104 LTS 64 bit", "Aliyun", "linux", "Alibaba Cloud Linux 3.2104 LTS 64 bit", 20),
        ("ubuntu_22_04_x64_20G_alibase_20240819.vhd", "Ubuntu 22.04 64 bit", "Ubuntu", "linux", "Ubuntu 22.04 64 bit", 20),
        ("centos_7_9_x64_20G_alibase_20240819.vhd", "CentOS 7.9 64 bit", "CentOS", "linux", "CentOS 7.9 64 bit", 20),
        ("win2022_21H2_x64_dtc_en-us_40G_alibase_20240819.vhd", "Windows Server 2022 Datacenter 64 bit (English)", "Windows Server 2022",
            "windows", "Windows Server 2022 Datacenter 64 bit (English)", 40),
    ];

    public static IReadOnlyList<string> ImageIds { get; } = s_images.Select(image => image.Id).ToArray();

    /// <summary>Returns the system images of a region.</summary>
    public static IReadOnlyList<Image> For(string regionId) =>
        s_images.Select(image => new Image(image.Id, "", regionId, ImageOwnerAliases.System, image.Name, image.Name, ImageStatuses.Available,
            s_published, s_published, image.Platform, image.OsType, image.OsName, "x86_64", true, null, null,
            [new ImageDiskMapping("/dev/xvda", DiskTypes.System, image.Size, null, false, null, null)], [])).ToArray();
}
