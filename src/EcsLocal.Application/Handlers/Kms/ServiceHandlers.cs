using EcsLocal.Application.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>KMS activation and the KMS region list.</summary>
public sealed class ServiceHandlers(KmsService service)
{
    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Kms, nameof(OpenKmsService), OpenKmsService, SupportLevel.Supported,
            "Activates KMS for the caller in the endpoint region; calling it again succeeds and changes nothing.")
        .Add(ApiProduct.Kms, nameof(DescribeAccountKmsStatus), DescribeAccountKmsStatus, SupportLevel.Supported,
            "AccountStatus is Enabled or NotEnabled for the endpoint region.")
        .Add(ApiProduct.Kms, nameof(DescribeRegions), DescribeRegions);

    public async Task<ActionResult> OpenKmsService(ActionContext context, CancellationToken cancellationToken)
    {
        var result = await service.OpenKmsServiceAsync(context.Caller, context.EndpointRegionId, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DescribeAccountKmsStatus(ActionContext context, CancellationToken cancellationToken)
    {
        var result = await service.DescribeAccountKmsStatusAsync(context.Caller, context.EndpointRegionId, cancellationToken);
        return result.ToResponse(status => new { AccountStatus = status });
    }

    public static Task<ActionResult> DescribeRegions(ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Ok(new
        {
            Regions = new { Region = RegionCatalog.All.Select(region => new { RegionId = region.Id }).ToArray() },
        }));
}
