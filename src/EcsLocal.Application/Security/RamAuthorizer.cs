using System.Globalization;
using System.Net;
using EcsLocal.Application.Kms;
using EcsLocal.Application.Storage;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;
using EcsLocal.Protocol.Pipeline;
using EcsLocal.Protocol.Routing;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Security;

/// <summary>
/// Authorizes RAM users' requests with the policies attached to them: the action <c>ecs:CreateDisk</c>,
/// <c>kms:Encrypt</c> or <c>ram:CreateUser</c>, the ARNs from <see cref="ActionResources"/> and the condition keys of
/// <see cref="ConditionKeys"/>. Without an Allow, or with a matching Deny, the request gets its product's error.
/// </summary>
public sealed class RamAuthorizer(IStore store, TimeProvider time) : IRequestAuthorizer
{
    private static readonly string[] s_diskActions = ["CreateDisk", "RunInstances", "CreateInstance"];

    public async Task<ServiceError?> AuthorizeAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var product = context.Operation.Product;
        var (regionId, policies, conditions) = await store.ReadAsync(async session =>
        {
            var region = product == ApiProduct.Ecs ? await EcsRegionAsync(session, context)
                : product == ApiProduct.Kms ? context.EndpointRegionId : "*";
            return (region, await PoliciesOfAsync(session, context.Caller), await ConditionsAsync(session, context, region));
        }, cancellationToken);
        var request = new AccessRequest($"{product.Name.ToLowerInvariant()}:{context.Operation.Action}", ActionResources.For(context, regionId),
            conditions);
        if (PolicyEvaluator.Evaluate(policies, request) == AccessDecision.Allow)
        {
            return null;
        }

        if (product == ApiProduct.Kms)
        {
            return ErrorCatalog.NoPermission;
        }

        return product == ApiProduct.Ram ? ErrorCatalog.RamNoPermission : ErrorCatalog.ForbiddenRam;
    }

    /// <summary>
    /// Returns the region of an ECS request: its RegionId, else the region of the caller's disk, snapshot or instance it
    /// names (DeleteDisk and StartInstance carry no RegionId), else the endpoint's region.
    /// </summary>
    private static async Task<string> EcsRegionAsync(IStoreSession session, ActionContext context)
    {
        var parameters = context.Parameters;
        if (parameters["RegionId"] is { Length: > 0 } regionId)
        {
            return regionId;
        }

        var accountId = context.Caller.AccountId;
        if (parameters["DiskId"] is { Length: > 0 } diskId && await session.GetDiskAsync(diskId) is { } disk && disk.AccountId == accountId)
        {
            return disk.RegionId;
        }

        if (parameters["SnapshotId"] is { Length: > 0 } snapshotId && await session.GetSnapshotAsync(snapshotId) is { } snapshot &&
            snapshot.AccountId == accountId)
        {
            return snapshot.RegionId;
        }

        var instanceId = parameters["InstanceId"] ?? parameters["InstanceId.1"];
        if (instanceId is { Length: > 0 } && await session.GetInstanceAsync(instanceId) is { } instance && instance.AccountId == accountId)
        {
            return instance.RegionId;
        }

        return context.EndpointRegionId;
    }

    /// <summary>Returns the documents of the system and custom policies attached to the caller's RAM user.</summary>
    private static async Task<List<PolicyDocument>> PoliciesOfAsync(IStoreSession session, Caller caller)
    {
        var documents = new List<PolicyDocument>();
        foreach (var attachment in await session.ListUserPolicyAttachmentsAsync(caller.AccountId, caller.UserName!))
        {
            var text = attachment.PolicyType == PolicyTypes.System
                ? SystemPolicies.Find(attachment.PolicyName)?.Document
                : (await session.GetCustomPolicyAsync(caller.AccountId, attachment.PolicyName))?.Document;
            if (text is not null && PolicyDocument.Parse(text) is { IsSuccess: true } parsed)
            {
                documents.Add(parsed.Value);
            }
        }

        return documents;
    }

    private async Task<Dictionary<string, string>> ConditionsAsync(IStoreSession session, ActionContext context, string regionId)
    {
        var conditions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ConditionKeys.CurrentTime] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            [ConditionKeys.SecureTransport] = "false",
            [ConditionKeys.MfaPresent] = "false",
        };
        if (IPAddress.TryParse(context.SourceIp, out var address))
        {
            conditions[ConditionKeys.SourceIp] = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        }

        if (context.Operation.Product == ApiProduct.Ecs && s_diskActions.Contains(context.Operation.Action))
        {
            var (encrypted, byok) = await DiskEncryptionAsync(session, context, regionId);
            conditions[ConditionKeys.IsDiskEncrypted] = encrypted ? "true" : "false";
            conditions[ConditionKeys.IsDiskByokEncrypted] = byok ? "true" : "false";
        }

        return conditions;
    }

    /// <summary>
    /// Estimates whether the disks of a request will be encrypted, and with a BYOK key: by their Encrypted and KMSKeyId
    /// parameters, the source snapshot, and the region's default encryption and default key.
    /// </summary>
    /// <remarks>NOTE: the decision engine may still reject the request or choose another key; this is the value before it runs.</remarks>
    private static async Task<(bool Encrypted, bool Byok)> DiskEncryptionAsync(IStoreSession session, ActionContext context, string regionId)
    {
        var parameters = context.Parameters;
        var accountId = context.Caller.AccountId;
        var setting = await session.GetRegionEncryptionAsync(accountId, regionId);
        var encrypted = setting?.Enabled ?? false;
        var keys = new List<string?> { setting is { Enabled: true } ? setting.DefaultKeyId : null };
        var prefixes = context.Operation.Action == "CreateDisk"
            ? [""]
            : Enumerable.Range(1, 16).Select(index => $"DataDisk.{index}.").Prepend("SystemDisk.").ToArray();
        foreach (var prefix in prefixes)
        {
            encrypted |= string.Equals(parameters[prefix + "Encrypted"], "true", StringComparison.OrdinalIgnoreCase);
            keys.Add(parameters[prefix + "KMSKeyId"]);
        }

        if (parameters["SnapshotId"] is { Length: > 0 } snapshotId && await session.GetSnapshotAsync(snapshotId) is { Encrypted: true } snapshot)
        {
            encrypted = true;
            keys.Add(snapshot.AccountId == accountId ? snapshot.KmsKeyId : null);
        }

        var byok = false;
        foreach (var keyId in keys.OfType<string>().Where(keyId => keyId.Length > 0))
        {
            byok |= await KeyLookup.ResolveAsync(session, accountId, regionId, keyId) is { IsSuccess: true } key && key.Value.Origin == KeyOrigins.External;
        }

        return (encrypted || keys.Any(keyId => !string.IsNullOrEmpty(keyId)), byok);
    }
}
