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
                "Checks region, region support, allow-list, KMS activation and feature state, in that order; the first enable uses the service key.")
            .Add(ApiProduct.Ecs, nameof(DisableDiskEncryptionByDefault), DisableDiskEncryptionByDefault, SupportLevel.Supported,
                "Keeps the stored default key for the next enable; existing resources are unchanged.")
            .Add(ApiProduct.Ecs, nameof(DescribeDiskEncryptionByDefaultStatus), DescribeDiskEncryptionByDefaultStatus)
            .Add(ApiProduct.Ecs, nameof(ModifyDiskDefaultKMSKeyId), ModifyDiskDefaultKMSKeyId, SupportLevel.Supported,
                "KMSKeyId as key id, key ARN or alias; the key must be symmetric, Enabled and usable through AliyunECSDiskEncryptDefaultRole.")
            .Add(ApiProduct.Ecs, nameof(ResetDiskDefaultKMSKeyId), ResetDiskDefaultKMSKeyId, SupportLevel.Supported,
                "Resets to the region's service key (alias/acs/ecs), creating it on first need.")
            .Add(ApiProduct.Ecs, nameof(DescribeDiskDefaultKMSKeyId), DescribeDiskDefaultKMSKeyId, SupportLevel.Supported,
                "Returns an empty KMSKeyId while the feature was never enabled in the region.");
    }

    public async Task<ActionResult> EnableDiskEncryptionByDefault(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        if (!regionId.IsSuccess)
        {
            return regionId.Error;
        }

        var result = await service.EnableAsync(context.Caller, regionId.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DisableDiskEncryptionByDefault(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        if (!regionId.IsSuccess)
        {
            return regionId.Error;
        }

        var result = await service.DisableAsync(context.Caller, regionId.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DescribeDiskEncryptionByDefaultStatus(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        if (!regionId.IsSuccess)
        {
            return regionId.Error;
        }

        var result = await service.DescribeStatusAsync(context.Caller, regionId.Value, cancellationToken);
        return result.ToResponse(encrypted => new { Encrypted = encrypted });
    }

    public async Task<ActionResult> ModifyDiskDefaultKMSKeyId(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        if (!regionId.IsSuccess)
        {
            return regionId.Error;
        }

        var keyId = context.Parameters.Required("KMSKeyId", MaxKeyIdLength);
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var result = await service.ModifyDefaultKeyAsync(context.Caller, regionId.Value, keyId.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> ResetDiskDefaultKMSKeyId(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        if (!regionId.IsSuccess)
        {
            return regionId.Error;
        }

        var result = await service.ResetDefaultKeyAsync(context.Caller, regionId.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DescribeDiskDefaultKMSKeyId(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        if (!regionId.IsSuccess)
        {
            return regionId.Error;
        }

        var result = await service.DescribeDefaultKeyAsync(context.Caller, regionId.Value, cancellationToken);
        return result.ToResponse(keyId => new { KMSKeyId = keyId });
    }
}
