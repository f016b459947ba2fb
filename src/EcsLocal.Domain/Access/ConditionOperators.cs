namespace EcsLocal.Domain.Access;

/// <summary>
/// The condition operators that EcsLocal evaluates. RAM also defines Numeric* and other operators, but a policy
/// that uses any operator outside this list is rejected at parse time. Operator names are case-sensitive, as RAM documents.
/// </summary>
public static class ConditionOperators
{
    public const string StringEquals = "StringEquals";
    public const string StringNotEquals = "StringNotEquals";
    public const string StringEqualsIgnoreCase = "StringEqualsIgnoreCase";
    public const string StringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase";
    public const string StringLike = "StringLike";
    public const string StringNotLike = "StringNotLike";
    public const string Bool = "Bool";
    public const string DateLessThan = "DateLessThan";
    public const string DateLessThanEquals = "DateLessThanEquals";
    public const string DateGreaterThan = "DateGreaterThan";
    public const string DateGreaterThanEquals = "DateGreaterThanEquals";
    public const string IpAddress = "IpAddress";
    public const string NotIpAddress = "NotIpAddress";

    private static readonly Dictionary<string, ConditionKeyType> s_operandTypes = new(StringComparer.Ordinal)
    {
        [StringEquals] = ConditionKeyType.String,
        [StringNotEquals] = ConditionKeyType.String,
        [StringEqualsIgnoreCase] = ConditionKeyType.String,
        [StringNotEqualsIgnoreCase] = ConditionKeyType.String,
        [StringLike] = ConditionKeyType.String,
        [StringNotLike] = ConditionKeyType.String,
        [Bool] = ConditionKeyType.Boolean,
        [DateLessThan] = ConditionKeyType.Date,
        [DateLessThanEquals] = ConditionKeyType.Date,
        [DateGreaterThan] = ConditionKeyType.Date,
        [DateGreaterThanEquals] = ConditionKeyType.Date,
        [IpAddress] = ConditionKeyType.IpAddress,
        [NotIpAddress] = ConditionKeyType.IpAddress,
    };

    /// <summary>Every supported operator.</summary>
    public static IReadOnlyCollection<string> All => s_operandTypes.Keys;

    /// <summary>Returns the value type an operator compares, or null when the operator is unsupported.</summary>
    public static ConditionKeyType? OperandType(string name) =>
        s_operandTypes.TryGetValue(name, out var type) ? type : null;

    /// <summary>Returns whether the operator is a negated one, whose values are combined with NOR instead of OR.</summary>
    public static bool IsNegated(string name) =>
        name is StringNotEquals or StringNotEqualsIgnoreCase or StringNotLike or NotIpAddress;

    /// <summary>
    /// Returns whether a key of <paramref name="keyType"/> may be used with an operator comparing <paramref name="operandType"/>.
    /// String operators compare the raw text of any key, and the other operators need a key of their own type.
    /// </summary>
    public static bool Accepts(ConditionKeyType operandType, ConditionKeyType keyType) =>
        operandType == ConditionKeyType.String || operandType == keyType;
}
