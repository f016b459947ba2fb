namespace EcsLocal.Domain.Regions;

/// <summary>An Alibaba Cloud region as ECS DescribeRegions lists it, with its zones.</summary>
/// <param name="IdCode">The two characters after the prefix of resource ids in this region, as in <c>d-bp1...</c>.</param>
public sealed record Region(
    string Id,
    string LocalNameChinese,
    string LocalNameEnglish,
    string IdCode,
    IReadOnlyList<string> Zones)
{
    /// <summary>The ECS endpoint DescribeRegions reports; cn-hangzhou is the one region on the global endpoint.</summary>
    public string EcsEndpoint => Id == "cn-hangzhou" ? "ecs.aliyuncs.com" : $"ecs.{Id}.aliyuncs.com";

    public string KmsEndpoint => $"kms.{Id}.aliyuncs.com";
}
