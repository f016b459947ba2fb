using EcsLocal.Application.Accounts;
using EcsLocal.Domain.Access;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ram;

public sealed partial class RamHandlers
{
    private void RegisterRoles(ApiRegistry registry) => registry
        .Add(ApiProduct.Ram, nameof(CreateRole), CreateRole, SupportLevel.Partial,
            "The trust policy must be a JSON object with Version \"1\" and a Statement array. Its statements are stored unchecked. " +
            "AliyunECSDiskEncryptDefaultRole and AliyunECSShareEncryptImageDefaultRole authorize ECS to use KMS keys and share encrypted images. " +
            TagsIgnored)
        .Add(ApiProduct.Ram, nameof(GetRole), GetRole)
        .Add(ApiProduct.Ram, nameof(ListRoles), ListRoles, SupportLevel.Partial, "Marker and MaxItems. Roles are in name order. " + TagsIgnored)
        .Add(ApiProduct.Ram, nameof(DeleteRole), DeleteRole);

    public async Task<ActionResult> CreateRole(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var failure = parameters.Missing("RoleName", "AssumeRolePolicyDocument")
            ?? RamRules.CheckRoleName(parameters["RoleName"]!)
            ?? parameters.Check("Description", RamRules.CheckDescription)
            ?? RamRules.CheckTrustPolicy(parameters["AssumeRolePolicyDocument"]!);
        if (failure is not null)
        {
            return failure;
        }

        var duration = parameters.OptionalInt32("MaxSessionDuration", RamRules.MinSessionDuration, RamRules.MaxSessionDuration);
        if (!duration.IsSuccess)
        {
            return duration.Error;
        }

        var input = new CreateRoleInput(parameters["RoleName"]!, parameters["AssumeRolePolicyDocument"]!, parameters.Text("Description"),
            duration.Value ?? RamRole.DefaultMaxSessionDuration);
        var result = await service.CreateRoleAsync(context.Caller, input, cancellationToken);
        return result.ToResponse(role => new
        {
            Role = new
            {
                role.RoleId,
                role.RoleName,
                Arn = RamRules.RoleArn(role.AccountId, role.RoleName),
                role.Description,
                role.AssumeRolePolicyDocument,
                role.MaxSessionDuration,
                CreateDate = WireFormat.Time(role.CreateDate),
            },
        });
    }

    public async Task<ActionResult> GetRole(ActionContext context, CancellationToken cancellationToken)
    {
        var roleName = RoleName(context);
        if (!roleName.IsSuccess)
        {
            return roleName.Error;
        }

        var result = await service.GetRoleAsync(context.Caller, roleName.Value, cancellationToken);
        return result.ToResponse(role => new
        {
            Role = new
            {
                role.RoleId,
                role.RoleName,
                Arn = RamRules.RoleArn(role.AccountId, role.RoleName),
                role.Description,
                role.AssumeRolePolicyDocument,
                role.MaxSessionDuration,
                CreateDate = WireFormat.Time(role.CreateDate),
                UpdateDate = WireFormat.Time(role.CreateDate),
            },
        });
    }

    public async Task<ActionResult> ListRoles(ActionContext context, CancellationToken cancellationToken)
    {
        var paging = context.Parameters.Paging();
        if (!paging.IsSuccess)
        {
            return paging.Error;
        }

        var page = await service.ListRolesAsync(context.Caller, paging.Value.After, paging.Value.MaxItems, cancellationToken);
        return ActionResult.Ok(new
        {
            IsTruncated = page.NextKey is not null,
            Marker = page.NextKey is null ? null : RamParameters.EncodeMarker(page.NextKey),
            Roles = new
            {
                Role = page.Items.Select(role => new
                {
                    role.RoleId,
                    role.RoleName,
                    Arn = RamRules.RoleArn(role.AccountId, role.RoleName),
                    role.Description,
                    role.MaxSessionDuration,
                    CreateDate = WireFormat.Time(role.CreateDate),
                    UpdateDate = WireFormat.Time(role.CreateDate),
                    Tags = new { Tag = Array.Empty<object>() },
                }).ToArray(),
            },
        });
    }

    public async Task<ActionResult> DeleteRole(ActionContext context, CancellationToken cancellationToken)
    {
        var roleName = RoleName(context);
        if (!roleName.IsSuccess)
        {
            return roleName.Error;
        }

        var result = await service.DeleteRoleAsync(context.Caller, roleName.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    /// <summary>Reads the required RoleName and checks its format.</summary>
    private static Domain.Result<string> RoleName(ActionContext context)
    {
        var failure = context.Parameters.Missing("RoleName") ?? RamRules.CheckRoleName(context.Parameters["RoleName"]!);
        return failure is null ? context.Parameters["RoleName"]! : failure;
    }
}
