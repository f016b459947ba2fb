using EcsLocal.Application.Accounts;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ram;

/// <summary>
/// RAM 2015-05-01 management actions: users, AccessKeys, custom policies and their attachments to users, and roles.
/// List members are always JSON arrays, because the SDKs reject a bare object where they expect a list.
/// </summary>
public sealed partial class RamHandlers(RamService service)
{
    public void Register(ApiRegistry registry)
    {
        registry
            .Add(ApiProduct.Ram, nameof(CreateUser), CreateUser, SupportLevel.Partial,
                "MobilePhone and Email are validated but not stored, so no response returns them. DisplayName defaults to UserName.")
            .Add(ApiProduct.Ram, nameof(GetUser), GetUser, SupportLevel.Partial, "LastLoginDate is never returned because EcsLocal has no console logon.")
            .Add(ApiProduct.Ram, nameof(ListUsers), ListUsers, SupportLevel.Supported, "Marker and MaxItems (1 to 1000, default 100). Users are in name order.")
            .Add(ApiProduct.Ram, nameof(DeleteUser), DeleteUser, SupportLevel.Supported,
                "Rejects a user that still has AccessKeys or attached policies.")
            .Add(ApiProduct.Ram, nameof(CreateAccessKey), CreateAccessKey, SupportLevel.Supported,
                "At most 2 keys per user. Without UserName the key belongs to the caller, which may be the account itself.")
            .Add(ApiProduct.Ram, nameof(ListAccessKeys), ListAccessKeys)
            .Add(ApiProduct.Ram, nameof(UpdateAccessKey), UpdateAccessKey, SupportLevel.Supported, "An Inactive key fails authentication with InvalidAccessKeyId.Inactive.")
            .Add(ApiProduct.Ram, nameof(DeleteAccessKey), DeleteAccessKey);
        RegisterPolicies(registry);
        RegisterRoles(registry);
    }

    public async Task<ActionResult> CreateUser(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var failure = parameters.Missing("UserName")
            ?? RamRules.CheckUserName(parameters["UserName"]!)
            ?? parameters.Check("DisplayName", RamRules.CheckDisplayName)
            ?? parameters.Check("MobilePhone", RamRules.CheckMobilePhone)
            ?? parameters.Check("Email", RamRules.CheckEmail)
            ?? parameters.Check("Comments", RamRules.CheckComments);
        if (failure is not null)
        {
            return failure;
        }

        var input = new CreateUserInput(parameters["UserName"]!, parameters.Text("DisplayName"), parameters.Text("Comments"));
        var result = await service.CreateUserAsync(context.Caller, input, cancellationToken);
        return result.ToResponse(user => new
        {
            User = new { user.UserId, user.UserName, user.DisplayName, user.Comments, CreateDate = WireFormat.Time(user.CreateDate) },
        });
    }

    public async Task<ActionResult> GetUser(ActionContext context, CancellationToken cancellationToken)
    {
        var userName = UserName(context);
        if (!userName.IsSuccess)
        {
            return userName.Error;
        }

        var result = await service.GetUserAsync(context.Caller, userName.Value, cancellationToken);
        return result.ToResponse(user => new { User = UserFields(user) });
    }

    public async Task<ActionResult> ListUsers(ActionContext context, CancellationToken cancellationToken)
    {
        var paging = context.Parameters.Paging();
        if (!paging.IsSuccess)
        {
            return paging.Error;
        }

        var page = await service.ListUsersAsync(context.Caller, paging.Value.After, paging.Value.MaxItems, cancellationToken);
        return ActionResult.Ok(new
        {
            IsTruncated = page.NextKey is not null,
            Marker = page.NextKey is null ? null : RamParameters.EncodeMarker(page.NextKey),
            Users = new { User = page.Items.Select(UserFields).ToArray() },
        });
    }

    public async Task<ActionResult> DeleteUser(ActionContext context, CancellationToken cancellationToken)
    {
        var userName = UserName(context);
        if (!userName.IsSuccess)
        {
            return userName.Error;
        }

        var result = await service.DeleteUserAsync(context.Caller, userName.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> CreateAccessKey(ActionContext context, CancellationToken cancellationToken)
    {
        var failure = context.Parameters.Check("UserName", RamRules.CheckUserName);
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.CreateAccessKeyAsync(context.Caller, context.Parameters.Text("UserName"), cancellationToken);
        return result.ToResponse(issued => new
        {
            AccessKey = new
            {
                AccessKeyId = issued.AccessKey.Id,
                AccessKeySecret = issued.Secret,
                Status = issued.AccessKey.Status.ToString(),
                CreateDate = WireFormat.Time(issued.AccessKey.CreatedAt),
            },
        });
    }

    public async Task<ActionResult> ListAccessKeys(ActionContext context, CancellationToken cancellationToken)
    {
        var failure = context.Parameters.Check("UserName", RamRules.CheckUserName);
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.ListAccessKeysAsync(context.Caller, context.Parameters.Text("UserName"), cancellationToken);
        return result.ToResponse(keys => new
        {
            AccessKeys = new
            {
                AccessKey = keys.Select(key => new
                {
                    AccessKeyId = key.Id,
                    Status = key.Status.ToString(),
                    CreateDate = WireFormat.Time(key.CreatedAt),
                }).ToArray(),
            },
        });
    }

    public async Task<ActionResult> UpdateAccessKey(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var failure = parameters.Missing("UserAccessKeyId", "Status")
            ?? parameters.Check("UserName", RamRules.CheckUserName)
            ?? (parameters["Status"] is nameof(AccessKeyStatus.Active) or nameof(AccessKeyStatus.Inactive)
                ? null
                : ErrorCatalog.InvalidParameter.Format("Status"));
        if (failure is not null)
        {
            return failure;
        }

        var status = parameters["Status"] == nameof(AccessKeyStatus.Active) ? AccessKeyStatus.Active : AccessKeyStatus.Inactive;
        var result = await service.UpdateAccessKeyAsync(
            context.Caller, parameters.Text("UserName"), parameters["UserAccessKeyId"]!, status, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DeleteAccessKey(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var failure = parameters.Missing("UserAccessKeyId") ?? parameters.Check("UserName", RamRules.CheckUserName);
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.DeleteAccessKeyAsync(context.Caller, parameters.Text("UserName"), parameters["UserAccessKeyId"]!, cancellationToken);
        return result.ToEmptyResponse();
    }

    /// <summary>Reads the required UserName and checks its format.</summary>
    private static Domain.Result<string> UserName(ActionContext context)
    {
        var failure = context.Parameters.Missing("UserName") ?? RamRules.CheckUserName(context.Parameters["UserName"]!);
        return failure is null ? context.Parameters["UserName"]! : failure;
    }

    private static object UserFields(RamUser user) => new
    {
        user.UserId,
        user.UserName,
        user.DisplayName,
        user.Comments,
        CreateDate = WireFormat.Time(user.CreateDate),
        UpdateDate = WireFormat.Time(user.UpdateDate),
    };
}
