using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Accounts;

/// <summary>A system or custom policy as GetPolicy and ListPolicies report it to one account.</summary>
/// <param name="AttachmentCount">The number of the account's users the policy is attached to.</param>
public sealed record RamPolicyView(
    string PolicyName, string PolicyType, string Description, string Document, DateTimeOffset CreateDate, DateTimeOffset UpdateDate,
    int AttachmentCount)
{
    /// <summary>The sort key of ListPolicies: custom policies before system policies, each by name.</summary>
    public string SortKey => PolicyType + "/" + PolicyName;
}

/// <summary>A policy attached to a user, with the policy's description.</summary>
public sealed record RamUserPolicy(PolicyAttachment Attachment, string Description);

public sealed partial class RamService
{
    /// <summary>The creation and update time reported for every system policy.</summary>
    /// <remarks>NOTE: the real system policies carry their own dates, which EcsLocal does not know.</remarks>
    public static readonly DateTimeOffset SystemPolicyDate = new(2015, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a custom policy after validating its document with <see cref="PolicyDocument.Parse"/>.</summary>
    public Task<Result<CustomPolicy>> CreatePolicyAsync(
        Caller caller, string policyName, string document, string? description, CancellationToken cancellationToken)
    {
        var parsed = PolicyDocument.Parse(document);
        if (!parsed.IsSuccess)
        {
            return Task.FromResult(Result<CustomPolicy>.Failure(parsed.Error));
        }

        return store.WriteAsync(async session =>
        {
            if (await session.GetCustomPolicyAsync(caller.AccountId, policyName) is not null)
            {
                return Result<CustomPolicy>.Failure(ErrorCatalog.RamPolicyExists);
            }

            if ((await session.ListCustomPoliciesAsync(caller.AccountId)).Count >= RamRules.MaxCustomPoliciesPerAccount)
            {
                return ErrorCatalog.RamPolicyLimitExceeded;
            }

            var now = time.GetUtcNow();
            var policy = new CustomPolicy(caller.AccountId, policyName, description ?? "", document, now, now);
            await session.InsertCustomPolicyAsync(policy);
            return policy;
        }, cancellationToken);
    }

    public Task<Result<RamPolicyView>> GetPolicyAsync(Caller caller, string policyType, string policyName, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
        {
            var policy = await FindPolicyAsync(session, caller.AccountId, policyType, policyName);
            if (!policy.IsSuccess)
            {
                return policy;
            }

            var attachments = await session.ListPolicyAttachmentsAsync(caller.AccountId, policyType, policyName);
            return policy.Value with { AttachmentCount = attachments.Count };
        }, cancellationToken);

    /// <summary>Lists system and custom policies, or only those of <paramref name="policyType"/>, custom ones first.</summary>
    public Task<RamPage<RamPolicyView>> ListPoliciesAsync(
        Caller caller, string? policyType, string? marker, int maxItems, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
        {
            var policies = new List<RamPolicyView>();
            if (policyType is null or PolicyTypes.System)
            {
                policies.AddRange(SystemPolicies.All.Select(FromSystem));
            }

            if (policyType is null or PolicyTypes.Custom)
            {
                policies.AddRange((await session.ListCustomPoliciesAsync(caller.AccountId)).Select(FromCustom));
            }

            var page = TakePage(policies, policy => policy.SortKey, marker, maxItems);
            var counted = new List<RamPolicyView>(page.Items.Count);
            foreach (var policy in page.Items)
            {
                var attachments = await session.ListPolicyAttachmentsAsync(caller.AccountId, policy.PolicyType, policy.PolicyName);
                counted.Add(policy with { AttachmentCount = attachments.Count });
            }

            return page with { Items = counted };
        }, cancellationToken);

    /// <summary>
    /// Deletes a custom policy that is attached to no user. EcsLocal keeps one version per policy, so there are never
    /// other versions to delete and CascadingDelete changes nothing.
    /// </summary>
    public Task<Result<Unit>> DeletePolicyAsync(Caller caller, string policyName, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            if (await session.GetCustomPolicyAsync(caller.AccountId, policyName) is null)
            {
                return Result<Unit>.Failure(ErrorCatalog.RamPolicyNotFound);
            }

            if ((await session.ListPolicyAttachmentsAsync(caller.AccountId, PolicyTypes.Custom, policyName)).Count > 0)
            {
                return ErrorCatalog.RamDeletePolicyAttachedToUser;
            }

            await session.DeleteCustomPolicyAsync(caller.AccountId, policyName);
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> AttachPolicyToUserAsync(
        Caller caller, string policyType, string policyName, string userName, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var failure = await CheckUserAndPolicyAsync(session, caller.AccountId, policyType, policyName, userName);
            if (failure is not null)
            {
                return Result<Unit>.Failure(failure);
            }

            var attached = await session.ListUserPolicyAttachmentsAsync(caller.AccountId, userName);
            if (attached.Any(attachment => attachment.PolicyType == policyType && attachment.PolicyName == policyName))
            {
                return ErrorCatalog.RamUserPolicyExists;
            }

            var limit = policyType == PolicyTypes.System ? RamRules.MaxSystemPoliciesPerUser : RamRules.MaxCustomPoliciesPerUser;
            if (attached.Count(attachment => attachment.PolicyType == policyType) >= limit)
            {
                return ErrorCatalog.RamUserPolicyLimitExceeded;
            }

            await session.InsertPolicyAttachmentAsync(new PolicyAttachment(caller.AccountId, userName, policyType, policyName, time.GetUtcNow()));
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> DetachPolicyFromUserAsync(
        Caller caller, string policyType, string policyName, string userName, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var failure = await CheckUserAndPolicyAsync(session, caller.AccountId, policyType, policyName, userName);
            if (failure is not null)
            {
                return Result<Unit>.Failure(failure);
            }

            var attached = await session.ListUserPolicyAttachmentsAsync(caller.AccountId, userName);
            if (!attached.Any(attachment => attachment.PolicyType == policyType && attachment.PolicyName == policyName))
            {
                return ErrorCatalog.RamUserPolicyNotFound;
            }

            await session.DeletePolicyAttachmentAsync(caller.AccountId, userName, policyType, policyName);
            return Unit.Value;
        }, cancellationToken);

    /// <summary>Lists the policies attached to a user, oldest attachment first.</summary>
    public Task<Result<IReadOnlyList<RamUserPolicy>>> ListPoliciesForUserAsync(Caller caller, string userName, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
        {
            if (await session.GetUserAsync(caller.AccountId, userName) is null)
            {
                return Result<IReadOnlyList<RamUserPolicy>>.Failure(ErrorCatalog.RamUserNotFound);
            }

            var policies = new List<RamUserPolicy>();
            foreach (var attachment in await session.ListUserPolicyAttachmentsAsync(caller.AccountId, userName))
            {
                var policy = await FindPolicyAsync(session, caller.AccountId, attachment.PolicyType, attachment.PolicyName);
                policies.Add(new RamUserPolicy(attachment, policy.IsSuccess ? policy.Value.Description : ""));
            }

            return policies;
        }, cancellationToken);

    /// <summary>Returns the first of EntityNotExist.User and EntityNotExist.Policy that applies, or null.</summary>
    private static async Task<ServiceError?> CheckUserAndPolicyAsync(
        IStoreSession session, string accountId, string policyType, string policyName, string userName)
    {
        if (await session.GetUserAsync(accountId, userName) is null)
        {
            return ErrorCatalog.RamUserNotFound;
        }

        var policy = await FindPolicyAsync(session, accountId, policyType, policyName);
        return policy.IsSuccess ? null : policy.Error;
    }

    private static async Task<Result<RamPolicyView>> FindPolicyAsync(IStoreSession session, string accountId, string policyType, string policyName)
    {
        if (policyType == PolicyTypes.System)
        {
            return SystemPolicies.Find(policyName) is { } system ? FromSystem(system) : ErrorCatalog.RamPolicyNotFound;
        }

        return await session.GetCustomPolicyAsync(accountId, policyName) is { } custom ? FromCustom(custom) : ErrorCatalog.RamPolicyNotFound;
    }

    private static RamPolicyView FromSystem(SystemPolicy policy) =>
        new(policy.Name, PolicyTypes.System, policy.Description, policy.Document, SystemPolicyDate, SystemPolicyDate, 0);

    private static RamPolicyView FromCustom(CustomPolicy policy) =>
        new(policy.PolicyName, PolicyTypes.Custom, policy.Description, policy.Document, policy.CreateDate, policy.UpdateDate, 0);
}
