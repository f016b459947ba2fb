using EcsLocal.Application.Kms;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>KMS key versions and rotation policies.</summary>
public sealed class RotationHandlers(KeyRotationService service)
{
    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Kms, nameof(CreateKeyVersion), CreateKeyVersion, SupportLevel.Supported,
            "Symmetric Aliyun_KMS keys; the new version encrypts and older versions still decrypt.")
        .Add(ApiProduct.Kms, nameof(DescribeKeyVersion), DescribeKeyVersion)
        .Add(ApiProduct.Kms, nameof(ListKeyVersions), ListKeyVersions)
        .Add(ApiProduct.Kms, nameof(UpdateRotationPolicy), UpdateRotationPolicy, SupportLevel.Supported,
            "Automatic rotation makes a new version when the key is next used after the interval has passed.");

    public async Task<ActionResult> CreateKeyVersion(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var version = await service.CreateKeyVersionAsync(context.Caller, context.EndpointRegionId, keyId.Value, cancellationToken);
        return version.ToResponse(created => new { KeyVersion = VersionResponse(created) });
    }

    public async Task<ActionResult> DescribeKeyVersion(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        var versionId = context.Parameters.Required("KeyVersionId", 128);
        var failure = keyId.Error ?? versionId.Error;
        if (failure is not null)
        {
            return failure;
        }

        var versions = await service.ListKeyVersionsAsync(context.Caller, context.EndpointRegionId, keyId.Value, cancellationToken);
        if (!versions.IsSuccess)
        {
            return versions.Error;
        }

        var version = versions.Value.FirstOrDefault(item => item.VersionId == versionId.Value);
        return version is null ? ErrorCatalog.KeyNotFound : ActionResult.Ok(new { KeyVersion = VersionResponse(version) });
    }

    public async Task<ActionResult> ListKeyVersions(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        var paging = context.Parameters.Paging();
        var failure = keyId.Error ?? paging.Error;
        if (failure is not null)
        {
            return failure;
        }

        var (number, size) = paging.Value;
        var versions = await service.ListKeyVersionsAsync(context.Caller, context.EndpointRegionId, keyId.Value, cancellationToken);
        return versions.ToResponse(list => new
        {
            KeyVersions = new { KeyVersion = list.Skip((number - 1) * size).Take(size).Select(VersionResponse).ToArray() },
            TotalCount = list.Count,
            PageNumber = number,
            PageSize = size,
        });
    }

    public async Task<ActionResult> UpdateRotationPolicy(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        var enabled = context.Parameters.OptionalBoolean("EnableAutomaticRotation");
        var failure = keyId.Error ?? enabled.Error ?? (enabled.Value is null ? ErrorCatalog.MissingParameter.Format("EnableAutomaticRotation") : null);
        if (failure is not null)
        {
            return failure;
        }

        long? interval = null;
        if (context.Parameters["RotationInterval"] is { Length: > 0 } text)
        {
            interval = KeyRules.ParseRotationInterval(text);
            if (interval is null)
            {
                return ErrorCatalog.InvalidParameter.Format("RotationInterval");
            }
        }

        var result = await service.UpdateRotationPolicyAsync(context.Caller, context.EndpointRegionId, keyId.Value, enabled.Value!.Value, interval,
            cancellationToken);
        return result.ToEmptyResponse();
    }

    private static object VersionResponse(KeyVersion version) =>
        new { version.KeyId, KeyVersionId = version.VersionId, CreationDate = WireFormat.Time(version.CreationDate) };
}
