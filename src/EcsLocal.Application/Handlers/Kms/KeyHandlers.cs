using EcsLocal.Application.Kms;
using EcsLocal.Domain.Kms;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>KMS key lifecycle actions. The region is the request's endpoint region.</summary>
public sealed class KeyHandlers(KmsService service)
{
    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Kms, nameof(CreateKey), CreateKey, SupportLevel.Partial,
            "All KeySpec, KeyUsage, Origin and ProtectionLevel values are validated. DKMSInstanceId, Policy, Tags and KeyStorageMechanism are accepted and ignored.")
        .Add(ApiProduct.Kms, nameof(DescribeKey), DescribeKey)
        .Add(ApiProduct.Kms, nameof(ListKeys), ListKeys, SupportLevel.Supported,
            "Filters on KeyState, KeySpec, KeyUsage, ProtectionLevel, CreatorType and AliasName.")
        .Add(ApiProduct.Kms, nameof(EnableKey), EnableKey)
        .Add(ApiProduct.Kms, nameof(DisableKey), DisableKey)
        .Add(ApiProduct.Kms, nameof(ScheduleKeyDeletion), ScheduleKeyDeletion, SupportLevel.Supported,
            "PendingWindowInDays 7 to 366; the key is deleted when it is next used or listed after the window.")
        .Add(ApiProduct.Kms, nameof(CancelKeyDeletion), CancelKeyDeletion, SupportLevel.Supported, "The key returns to Enabled.")
        .Add(ApiProduct.Kms, nameof(UpdateKeyDescription), UpdateKeyDescription)
        .Add(ApiProduct.Kms, nameof(SetDeletionProtection), SetDeletionProtection);

    public async Task<ActionResult> CreateKey(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var description = parameters.Optional("Description", KeyRules.MaxDescriptionLength);
        if (!description.IsSuccess)
        {
            return description.Error;
        }

        var input = new CreateKeyInput(
            NonEmpty(parameters["KeySpec"]),
            NonEmpty(parameters["KeyUsage"]),
            NonEmpty(parameters["Origin"]),
            NonEmpty(parameters["ProtectionLevel"]),
            description.Value,
            NonEmpty(parameters["EnableAutomaticRotation"]),
            NonEmpty(parameters["RotationInterval"]));
        var result = await service.CreateKeyAsync(context.Caller, context.EndpointRegionId, input, cancellationToken);
        return result.ToResponse(key => new { KeyMetadata = KeyMetadataResponse.From(key) });
    }

    public async Task<ActionResult> DescribeKey(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var result = await service.DescribeKeyAsync(context.Caller, context.EndpointRegionId, keyId.Value, cancellationToken);
        return result.ToResponse(key => new { KeyMetadata = KeyMetadataResponse.From(key) });
    }

    public async Task<ActionResult> ListKeys(ActionContext context, CancellationToken cancellationToken)
    {
        var paging = context.Parameters.Paging();
        if (!paging.IsSuccess)
        {
            return paging.Error;
        }

        var filters = context.Parameters.KeyFilters();
        if (!filters.IsSuccess)
        {
            return filters.Error;
        }

        var (number, size) = paging.Value;
        var result = await service.ListKeysAsync(context.Caller, context.EndpointRegionId, number, size, filters.Value, cancellationToken);
        return result.ToResponse(page => new
        {
            Keys = new { Key = page.Items.Select(key => new { KeyId = key.Id, KeyArn = key.Arn }).ToArray() },
            page.TotalCount,
            PageNumber = number,
            PageSize = size,
        });
    }

    public Task<ActionResult> EnableKey(ActionContext context, CancellationToken cancellationToken) =>
        ChangeKeyAsync(context, keyId => service.EnableKeyAsync(context.Caller, context.EndpointRegionId, keyId, cancellationToken));

    public Task<ActionResult> DisableKey(ActionContext context, CancellationToken cancellationToken) =>
        ChangeKeyAsync(context, keyId => service.DisableKeyAsync(context.Caller, context.EndpointRegionId, keyId, cancellationToken));

    public Task<ActionResult> CancelKeyDeletion(ActionContext context, CancellationToken cancellationToken) =>
        ChangeKeyAsync(context, keyId => service.CancelKeyDeletionAsync(context.Caller, context.EndpointRegionId, keyId, cancellationToken));

    public async Task<ActionResult> ScheduleKeyDeletion(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var window = context.Parameters.Required("PendingWindowInDays", 16);
        if (!window.IsSuccess)
        {
            return window.Error;
        }

        var days = context.Parameters.OptionalInt32("PendingWindowInDays", KeyRules.MinPendingWindowDays, KeyRules.MaxPendingWindowDays);
        if (!days.IsSuccess)
        {
            return days.Error;
        }

        var result = await service.ScheduleKeyDeletionAsync(context.Caller, context.EndpointRegionId, keyId.Value, days.Value!.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> UpdateKeyDescription(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var description = context.Parameters.Optional("Description", KeyRules.MaxDescriptionLength);
        if (!description.IsSuccess)
        {
            return description.Error;
        }

        if (description.Value is null)
        {
            return Domain.Errors.ErrorCatalog.MissingParameter.Format("Description");
        }

        var result = await service.UpdateKeyDescriptionAsync(context.Caller, context.EndpointRegionId, keyId.Value, description.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> SetDeletionProtection(ActionContext context, CancellationToken cancellationToken)
    {
        var arn = context.Parameters.KeyId("ProtectedResourceArn");
        if (!arn.IsSuccess)
        {
            return arn.Error;
        }

        var enabled = context.Parameters.OptionalBoolean("EnableDeletionProtection");
        if (!enabled.IsSuccess)
        {
            return enabled.Error;
        }

        if (enabled.Value is null)
        {
            return Domain.Errors.ErrorCatalog.MissingParameter.Format("EnableDeletionProtection");
        }

        var description = context.Parameters.Optional("DeletionProtectionDescription", KeyRules.MaxDescriptionLength);
        if (!description.IsSuccess)
        {
            return description.Error;
        }

        var result = await service.SetDeletionProtectionAsync(
            context.Caller, context.EndpointRegionId, arn.Value, enabled.Value.Value, description.Value ?? "", cancellationToken);
        return result.ToEmptyResponse();
    }

    private static async Task<ActionResult> ChangeKeyAsync(ActionContext context, Func<string, Task<Domain.Result<KmsKey>>> change)
    {
        var keyId = context.Parameters.KeyId();
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var result = await change(keyId.Value);
        return result.ToEmptyResponse();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
