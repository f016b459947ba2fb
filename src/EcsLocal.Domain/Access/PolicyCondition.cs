using System.Globalization;
using System.Net;

namespace EcsLocal.Domain.Access;

/// <summary>One key of one operator in a Condition element, such as <c>"IpAddress": {"acs:SourceIp": [...]}</c>.</summary>
/// <param name="Operator">A name from <see cref="ConditionOperators"/>.</param>
/// <param name="Key">A name from <see cref="ConditionKeys"/>, in its documented spelling.</param>
/// <param name="Values">The policy values, already checked at parse time to suit the operator.</param>
/// <remarks>
/// Several values of one key are combined with OR, or with NOR for the negated operators (StringNotEquals,
/// StringNotEqualsIgnoreCase, StringNotLike, NotIpAddress), so a negated condition holds only when no value matches.
/// </remarks>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>Returns whether the condition holds for the request context.</summary>
    /// <remarks>
    /// A key that the request does not carry, or carries in a form the operator cannot read, makes the condition
    /// false for every operator, the negated ones included.
    /// NOTE: RAM does not document the result for a missing key, and AWS IAM evaluates negated operators to true there.
    /// </remarks>
    public bool Holds(IReadOnlyDictionary<string, string> context)
    {
        var requestValue = Lookup(context, Key);
        if (requestValue is null)
        {
            return false;
        }

        bool? anyMatch = Operator switch
        {
            ConditionOperators.StringEquals or ConditionOperators.StringNotEquals =>
                Values.Any(value => string.Equals(value, requestValue, StringComparison.Ordinal)),
            ConditionOperators.StringEqualsIgnoreCase or ConditionOperators.StringNotEqualsIgnoreCase =>
                Values.Any(value => string.Equals(value, requestValue, StringComparison.OrdinalIgnoreCase)),
            ConditionOperators.StringLike or ConditionOperators.StringNotLike =>
                Values.Any(value => Wildcard.IsMatch(value, requestValue, ignoreCase: false)),
            ConditionOperators.Bool =>
                Values.Any(value => string.Equals(value, requestValue, StringComparison.OrdinalIgnoreCase)),
            ConditionOperators.IpAddress or ConditionOperators.NotIpAddress => MatchesIp(requestValue),
            _ => MatchesDate(requestValue),
        };

        if (anyMatch is not { } matched)
        {
            return false;
        }

        return ConditionOperators.IsNegated(Operator) ? !matched : matched;
    }

    /// <summary>Parses an ISO 8601 date and time, reading a value without an offset as UTC.</summary>
    internal static DateTimeOffset? ParseDate(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    private static string? Lookup(IReadOnlyDictionary<string, string> context, string key)
    {
        if (context.TryGetValue(key, out var value))
        {
            return value;
        }

        return context.FirstOrDefault(pair => string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private bool? MatchesIp(string requestValue)
    {
        if (!IPAddress.TryParse(requestValue, out var address))
        {
            return null;
        }

        return Values.Any(value => IpRange.Parse(value)?.Contains(address) == true);
    }

    private bool? MatchesDate(string requestValue)
    {
        if (ParseDate(requestValue) is not { } requestDate)
        {
            return null;
        }

        return Values.Any(value => ParseDate(value) is { } policyDate && Operator switch
        {
            ConditionOperators.DateLessThan => requestDate < policyDate,
            ConditionOperators.DateLessThanEquals => requestDate <= policyDate,
            ConditionOperators.DateGreaterThan => requestDate > policyDate,
            _ => requestDate >= policyDate,
        });
    }
}
