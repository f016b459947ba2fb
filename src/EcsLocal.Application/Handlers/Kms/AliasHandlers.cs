using EcsLocal.Application.Kms;
using EcsLocal.Domain.Kms;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>KMS alias actions. Aliases start with <c>alias/</c>; <c>alias/acs</c> is reserved for service keys.</summary>
public sealed class AliasHandlers(KmsService service)
{
    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Kms, nameof(CreateAlias), CreateAlias)
        .Add(ApiProduct.Kms, nameof(UpdateAlias), UpdateAlias)
        .Add(ApiProduct.Kms, nameof(DeleteAlias), DeleteAlias)
        .Add(ApiProduct.Kms, nameof(ListAliases), ListAliases)
        .Add(ApiProduct.Kms, nameof(ListAliasesByKeyId), ListAliasesByKeyId);

    public Task<ActionResult> CreateAlias(ActionContext context, CancellationToken cancellationToken) =>
        PointAliasAsync(context, (alias, keyId) => service.CreateAliasAsync(context.Caller, context.EndpointRegionId, alias, keyId, cancellationToken));

    public Task<ActionResult> UpdateAlias(ActionContext context, CancellationToken cancellationToken) =>
        PointAliasAsync(context, (alias, keyId) => service.UpdateAliasAsync(context.Caller, context.EndpointRegionId, alias, keyId, cancellationToken));

    public async Task<ActionResult> DeleteAlias(ActionContext context, CancellationToken cancellationToken)
    {
        var aliasName = context.Parameters.Required("AliasName", KeyRules.MaxAliasNameLength + 1);
        if (!aliasName.IsSuccess)
        {
            return aliasName.Error;
        }

        var result = await service.DeleteAliasAsync(context.Caller, context.EndpointRegionId, aliasName.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public Task<ActionResult> ListAliases(ActionContext context, CancellationToken cancellationToken) =>
        ListAsync(context, null, cancellationToken);

    public async Task<ActionResult> ListAliasesByKeyId(ActionContext context, CancellationToken cancellationToken)
    {
        var keyId = context.Parameters.KeyId();
        return keyId.IsSuccess ? await ListAsync(context, keyId.Value, cancellationToken) : keyId.Error;
    }

    private async Task<ActionResult> ListAsync(ActionContext context, string? keyId, CancellationToken cancellationToken)
    {
        var paging = context.Parameters.Paging();
        if (!paging.IsSuccess)
        {
            return paging.Error;
        }

        var (number, size) = paging.Value;
        var result = await service.ListAliasesAsync(context.Caller, context.EndpointRegionId, keyId, number, size, cancellationToken);
        return result.ToResponse(page => new
        {
            Aliases = new
            {
                Alias = page.Items.Select(alias => new { AliasName = alias.Name, AliasArn = alias.Arn, alias.KeyId }).ToArray(),
            },
            page.TotalCount,
            PageNumber = number,
            PageSize = size,
        });
    }

    private static async Task<ActionResult> PointAliasAsync(ActionContext context, Func<string, string, Task<Domain.Result<KmsAlias>>> change)
    {
        var aliasName = context.Parameters.Required("AliasName", KeyRules.MaxAliasNameLength + 1);
        if (!aliasName.IsSuccess)
        {
            return aliasName.Error;
        }

        var keyId = context.Parameters.KeyId();
        if (!keyId.IsSuccess)
        {
            return keyId.Error;
        }

        var result = await change(aliasName.Value, keyId.Value);
        return result.ToEmptyResponse();
    }
}
