using EcsLocal.Application.Encryption;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>The six account-level default encryption actions of ECS.</summary>
public sealed class DefaultEncryptionHandlers(DefaultEncryptionService service)
{
    private const int MaxKeyIdLength = 512;

    public void Register(ApiRegistry registry)
    {
        registry
            .Add(ApiProduct.Ecs, nameof(EnableDiskEncryptionByDefault), EnableDiskEncryptionByDefault, SupportLevel.Supported,
                "Checks region, region support, allow-list, KMS activation and feature state, in that order. The first enable uses the service key; a later one checks that the stored default key is still usable.")
            .Add(ApiProduct.Ecs, nameof(DisableDiskEncryptionByDefault), DisableDiskEncryptionByDefault, SupportLevel.Supported,
                "Keeps the stored default key for the next enable; existing resources are unchanged.")
            .Add(ApiProduct.Ecs, nameof(DescribeDiskEncryptionByDefaultStatus), DescribeDiskEncryptionByDefaultStatus, SupportLevel.Supported,
                "Needs only a valid region, as in the service: withheld regions and accounts off the allow-list still read their state.")
            .Add(ApiProduct.Ecs, nameof(ModifyDiskDefaultKMSKeyId), ModifyDiskDefaultKMSKeyId, SupportLevel.Supported,
                "The feature must be on (a disabled region gets InvalidDefaultEncryption.NotFound). KMSKeyId as key id, key ARN or alias; the key must be symmetric, Enabled and usable through AliyunECSDiskEncryptDefaultRole.")
            .Add(ApiProduct.Ecs, nameof(ResetDiskDefaultKMSKeyId), ResetDiskDefaultKMSKeyId, SupportLevel.Supported,
                "Resets to the region's service key (alias/acs/ecs), creating it on first need.")
            .Add(ApiProduct.Ecs, nameof(DescribeDiskDefaultKMSKeyId), DescribeDiskDefaultKMSKeyId, SupportLevel.Supported,
                "Returns the stored default key, also while the feature is off, and an empty KMSKeyId while it was never enabled in the region.");
    }

    public Task<ActionResult> EnableDiskEncryptionByDefault(ActionContext context, CancellationToken cancellationToken) =>
        WithRegionAsync(context, async regionId =>
            (await service.EnableAsync(context.Caller, regionId, cancellationToken)).ToEmptyResponse());

    public Task<ActionResult> DisableDiskEncryptionByDefault(ActionContext context, CancellationToken cancellationToken) =>
        WithRegionAsync(context, async regionId =>
            (await service.DisableAsync(context.Caller, regionId, cancellationToken)).ToEmptyResponse());

    public Task<ActionResult> DescribeDiskEncryptionByDefaultStatus(ActionContext context, CancellationToken cancellationToken) =>
        WithRegionAsync(context, async regionId =>
            (await service.DescribeStatusAsync(context.Caller, regionId, cancellationToken)).ToResponse(encrypted => new { Encrypted = encrypted }));

    public Task<ActionResult> ModifyDiskDefaultKMSKeyId(ActionContext context, CancellationToken cancellationToken) =>
        WithRegionAsync(context, async regionId =>
        {
            var keyId = context.Parameters.Required("KMSKeyId", MaxKeyIdLength);
            if (!keyId.IsSuccess)
            {
                return keyId.Error;
            }

            return (await service.ModifyDefaultKeyAsync(context.Caller, regionId, keyId.Value, cancellationToken)).ToEmptyResponse();
        });

    public Task<ActionResult> ResetDiskDefaultKMSKeyId(ActionContext context, CancellationToken cancellationToken) =>
        WithRegionAsync(context, async regionId =>
            (await service.ResetDefaultKeyAsync(context.Caller, regionId, cancellationToken)).ToEmptyResponse());

    public Task<ActionResult> DescribeDiskDefaultKMSKeyId(ActionContext context, CancellationToken cancellationToken) =>
        WithRegionAsync(context, async regionId =>
            (await service.DescribeDefaultKeyAsync(context.Caller, regionId, cancellationToken)).ToResponse(keyId => new { KMSKeyId = keyId }));

    /// <summary>Reads the required RegionId, then runs the action; the region's existence is checked by the service.</summary>
    private static Task<ActionResult> WithRegionAsync(ActionContext context, Func<string, Task<ActionResult>> action)
    {
        var regionId = context.Parameters.Required("RegionId");
        return regionId.IsSuccess ? action(regionId.Value) : Task.FromResult(ActionResult.Fail(regionId.Error));
    }
}
