using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>ECS DescribeRegions.</summary>
public static class RegionHandlers
{
    public static void Register(ApiRegistry registry) =>
        registry.Add(ApiProduct.Ecs, "DescribeRegions", DescribeRegions, SupportLevel.Partial,
            "AcceptLanguage zh-CN (default) and en-US; other languages get English names. InstanceChargeType and ResourceType are accepted and do not filter.");

    public static Task<ActionResult> DescribeRegions(ActionContext context, CancellationToken cancellationToken)
    {
        var english = context.Parameters["AcceptLanguage"] is { Length: > 0 } language && language != "zh-CN";
        var body = new
        {
            Regions = new
            {
                Region = RegionCatalog.All.Select(region => new
                {
                    RegionId = region.Id,
                    LocalName = english ? region.LocalNameEnglish : region.LocalNameChinese,
                    RegionEndpoint = region.EcsEndpoint,
                    Status = "available",
                }).ToArray(),
            },
        };
        return Task.FromResult(ActionResult.Ok(body));
    }
}
