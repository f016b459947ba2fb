namespace EcsLocal.Domain.Access;

/// <summary>The Effect element of a statement.</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}

/// <summary>One statement of a RAM policy document.</summary>
/// <param name="Actions">Action patterns such as <c>ecs:Describe*</c>, or the excluded actions when <paramref name="IsNotAction"/> is true.</param>
/// <param name="IsNotAction">True when the statement used NotAction: it then covers every action that no pattern matches.</param>
/// <param name="Resources">Resource patterns: <c>*</c> or ARNs that may contain <c>*</c> and <c>?</c>.</param>
/// <param name="Conditions">Conditions that must all hold for the statement to apply.</param>
public sealed record PolicyStatement(
    PolicyEffect Effect,
    IReadOnlyList<string> Actions,
    bool IsNotAction,
    IReadOnlyList<string> Resources,
    IReadOnlyList<PolicyCondition> Conditions)
{
    /// <summary>Returns whether the statement covers <paramref name="action"/>, compared without regard to case.</summary>
    /// <remarks>
    /// RAM documents Action values as "in most cases not case-sensitive", so EcsLocal matches them ignoring case.
    /// </remarks>
    public bool CoversAction(string action)
    {
        var listed = Actions.Any(pattern => Wildcard.IsMatch(pattern, action, ignoreCase: true));
        return listed != IsNotAction;
    }

    /// <summary>Returns whether a Resource pattern matches <paramref name="resourceArn"/>, compared case-sensitively.</summary>
    /// <remarks>
    /// RAM documents no case rule for Resource, and resource ids such as <c>d-bp1...</c> and RAM user names are
    /// case-sensitive, so EcsLocal compares ARNs ordinally. This is stricter than ignoring case.
    /// </remarks>
    public bool CoversResource(string resourceArn) =>
        Resources.Any(pattern => Wildcard.IsMatch(pattern, resourceArn, ignoreCase: false));

    /// <summary>Returns whether every condition holds for the request context.</summary>
    public bool ConditionsHold(IReadOnlyDictionary<string, string> context) =>
        Conditions.All(condition => condition.Holds(context));
}
