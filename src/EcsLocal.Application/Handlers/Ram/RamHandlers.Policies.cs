using EcsLocal.Application.Accounts;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ram;

public sealed partial class RamHandlers
{
    private const string TagsIgnored = "Tag is accepted and ignored.";

    private void RegisterPolicies(ApiRegistry registry) => registry
        .Add(ApiProduct.Ram, nameof(CreatePolicy), CreatePolicy, SupportLevel.Partial,
            "The document is validated as RAM does (up to 6144 characters). Each policy has the one version v1. " + TagsIgnored)
        .Add(ApiProduct.Ram, nameof(GetPolicy), GetPolicy, SupportLevel.Supported,
            "System and custom policies. AttachmentCount counts the account's users. System policies report a fixed date.")
        .Add(ApiProduct.Ram, nameof(ListPolicies), ListPolicies, SupportLevel.Partial,
            "PolicyType filter, Marker and MaxItems. Custom policies come first, each type in name order. " + TagsIgnored)
        .Add(ApiProduct.Ram, nameof(DeletePolicy), DeletePolicy, SupportLevel.Supported,
            "Rejects a policy attached to a user. CascadingDelete is accepted and changes nothing, because there are no other versions.")
        .Add(ApiProduct.Ram, nameof(AttachPolicyToUser), AttachPolicyToUser, SupportLevel.Supported,
            "At most 10 custom and 20 system policies per user. ResourceGroupId is accepted and ignored.")
        .Add(ApiProduct.Ram, nameof(DetachPolicyFromUser), DetachPolicyFromUser)
        .Add(ApiProduct.Ram, nameof(ListPoliciesForUser), ListPoliciesForUser, SupportLevel.Supported, "Oldest attachment first.");

    public async Task<ActionResult> CreatePolicy(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var failure = parameters.Missing("PolicyName", "PolicyDocument")
            ?? RamRules.CheckPolicyName(parameters["PolicyName"]!)
            ?? parameters.Check("Description", RamRules.CheckDescription);
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.CreatePolicyAsync(
            context.Caller, parameters["PolicyName"]!, parameters["PolicyDocument"]!, parameters.Text("Description"), cancellationToken);
        return result.ToResponse(policy => new
        {
            Policy = new
            {
                policy.PolicyName,
                PolicyType = PolicyTypes.Custom,
                policy.Description,
                DefaultVersion = SystemPolicies.Version,
                CreateDate = WireFormat.Time(policy.CreateDate),
            },
        });
    }

    public async Task<ActionResult> GetPolicy(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var failure = parameters.Missing("PolicyName", "PolicyType")
            ?? RamRules.CheckPolicyName(parameters["PolicyName"]!)
            ?? RamRules.CheckPolicyType(parameters["PolicyType"]!);
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.GetPolicyAsync(context.Caller, parameters["PolicyType"]!, parameters["PolicyName"]!, cancellationToken);
        return result.ToResponse(policy => new
        {
            Policy = PolicyFields(policy),
            DefaultPolicyVersion = new
            {
                VersionId = SystemPolicies.Version,
                IsDefaultVersion = true,
                PolicyDocument = policy.Document,
                CreateDate = WireFormat.Time(policy.CreateDate),
            },
        });
    }

    public async Task<ActionResult> ListPolicies(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var failure = parameters.Check("PolicyType", RamRules.CheckPolicyType);
        if (failure is not null)
        {
            return failure;
        }

        var paging = parameters.Paging();
        if (!paging.IsSuccess)
        {
            return paging.Error;
        }

        var page = await service.ListPoliciesAsync(
            context.Caller, parameters.Text("PolicyType"), paging.Value.After, paging.Value.MaxItems, cancellationToken);
        return ActionResult.Ok(new
        {
            IsTruncated = page.NextKey is not null,
            Marker = page.NextKey is null ? null : RamParameters.EncodeMarker(page.NextKey),
            Policies = new
            {
                Policy = page.Items.Select(policy => new
                {
                    policy.PolicyName,
                    policy.PolicyType,
                    policy.Description,
                    DefaultVersion = SystemPolicies.Version,
                    policy.AttachmentCount,
                    CreateDate = WireFormat.Time(policy.CreateDate),
                    UpdateDate = WireFormat.Time(policy.UpdateDate),
                    Tags = new { Tag = Array.Empty<object>() },
                }).ToArray(),
            },
        });
    }

    public async Task<ActionResult> DeletePolicy(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var failure = parameters.Missing("PolicyName") ?? RamRules.CheckPolicyName(parameters["PolicyName"]!);
        if (failure is not null)
        {
            return failure;
        }

        var cascading = parameters.OptionalBoolean("CascadingDelete");
        if (!cascading.IsSuccess)
        {
            return cascading.Error;
        }

        var result = await service.DeletePolicyAsync(context.Caller, parameters["PolicyName"]!, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> AttachPolicyToUser(ActionContext context, CancellationToken cancellationToken)
    {
        var attachment = ReadAttachment(context);
        if (!attachment.IsSuccess)
        {
            return attachment.Error;
        }

        var (type, name, user) = attachment.Value;
        var result = await service.AttachPolicyToUserAsync(context.Caller, type, name, user, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DetachPolicyFromUser(ActionContext context, CancellationToken cancellationToken)
    {
        var attachment = ReadAttachment(context);
        if (!attachment.IsSuccess)
        {
            return attachment.Error;
        }

        var (type, name, user) = attachment.Value;
        var result = await service.DetachPolicyFromUserAsync(context.Caller, type, name, user, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> ListPoliciesForUser(ActionContext context, CancellationToken cancellationToken)
    {
        var userName = UserName(context);
        if (!userName.IsSuccess)
        {
            return userName.Error;
        }

        var result = await service.ListPoliciesForUserAsync(context.Caller, userName.Value, cancellationToken);
        return result.ToResponse(policies => new
        {
            Policies = new
            {
                Policy = policies.Select(policy => new
                {
                    policy.Attachment.PolicyName,
                    policy.Attachment.PolicyType,
                    policy.Description,
                    DefaultVersion = SystemPolicies.Version,
                    AttachDate = WireFormat.Time(policy.Attachment.AttachDate),
                }).ToArray(),
            },
        });
    }

    /// <summary>Reads PolicyType, PolicyName and UserName of AttachPolicyToUser and DetachPolicyFromUser.</summary>
    private static Domain.Result<(string PolicyType, string PolicyName, string UserName)> ReadAttachment(ActionContext context)
    {
        var parameters = context.Parameters;
        var failure = parameters.Missing("PolicyType", "PolicyName", "UserName")
            ?? RamRules.CheckPolicyType(parameters["PolicyType"]!)
            ?? RamRules.CheckPolicyName(parameters["PolicyName"]!)
            ?? RamRules.CheckUserName(parameters["UserName"]!);
        return failure is null ? (parameters["PolicyType"]!, parameters["PolicyName"]!, parameters["UserName"]!) : failure;
    }

    private static object PolicyFields(RamPolicyView policy) => new
    {
        policy.PolicyName,
        policy.PolicyType,
        policy.Description,
        DefaultVersion = SystemPolicies.Version,
        policy.AttachmentCount,
        CreateDate = WireFormat.Time(policy.CreateDate),
        UpdateDate = WireFormat.Time(policy.UpdateDate),
    };
}
