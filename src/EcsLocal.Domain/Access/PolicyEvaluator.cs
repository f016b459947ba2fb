namespace EcsLocal.Domain.Access;

/// <summary>The result of evaluating policies for a request.</summary>
public enum AccessDecision
{
    /// <summary>Every resource of the request is allowed and none is explicitly denied.</summary>
    Allow,

    /// <summary>No Deny statement applies, but at least one resource has no Allow statement.</summary>
    ImplicitDeny,

    /// <summary>A Deny statement applies to at least one resource.</summary>
    ExplicitDeny,
}

/// <summary>A call to authorize: the RAM action, the resources it touches and the values of its condition keys.</summary>
/// <param name="Action">The RAM action, such as <c>ecs:CreateDisk</c>.</param>
/// <param name="ResourceArns">
/// The ARNs of the resources the call touches, built with <see cref="ResourceArn"/>. An empty list means the action
/// has no resource-level authorization and is checked against the resource <c>*</c>.
/// </param>
/// <param name="Context">Values of the keys in <see cref="ConditionKeys"/> that the call carries, such as acs:SourceIp.</param>
public sealed record AccessRequest(string Action, IReadOnlyList<string> ResourceArns, IReadOnlyDictionary<string, string> Context);

/// <summary>Decides a request against a principal's policies as RAM does: deny by default, and an explicit Deny wins.</summary>
public static class PolicyEvaluator
{
    private static readonly string[] s_allResources = ["*"];

    /// <summary>
    /// Evaluates <paramref name="request"/> against every statement of <paramref name="policies"/>. A Deny statement
    /// that covers the action, any one of the resources and whose conditions hold gives
    /// <see cref="AccessDecision.ExplicitDeny"/>. Otherwise each resource needs its own matching Allow statement
    /// for <see cref="AccessDecision.Allow"/>.
    /// </summary>
    public static AccessDecision Evaluate(IEnumerable<PolicyDocument> policies, AccessRequest request)
    {
        var applicable = policies
            .SelectMany(policy => policy.Statements)
            .Where(statement => statement.CoversAction(request.Action) && statement.ConditionsHold(request.Context))
            .ToList();
        var resources = request.ResourceArns.Count > 0 ? request.ResourceArns : s_allResources;

        var denied = applicable
            .Where(statement => statement.Effect == PolicyEffect.Deny)
            .Any(statement => resources.Any(statement.CoversResource));
        if (denied)
        {
            return AccessDecision.ExplicitDeny;
        }

        var allows = applicable.Where(statement => statement.Effect == PolicyEffect.Allow).ToList();
        var allAllowed = resources.All(resource => allows.Any(statement => statement.CoversResource(resource)));

        return allAllowed ? AccessDecision.Allow : AccessDecision.ImplicitDeny;
    }
}
