using System.Text.Json;

namespace EcsLocal.Domain.Access;

/// <summary>
/// Reads a Condition element and rejects operators, keys and values that EcsLocal cannot evaluate, so that no
/// condition is ignored.
/// </summary>
internal static class PolicyConditionParser
{
    public static Result<IReadOnlyList<PolicyCondition>> Parse(JsonElement condition, string at)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            return PolicyDocumentParser.Malformed($"{at} Condition must be a JSON object of operators.");
        }

        var conditions = new List<PolicyCondition>();
        foreach (var block in condition.EnumerateObject())
        {
            if (ConditionOperators.OperandType(block.Name) is not { } operandType)
            {
                return PolicyDocumentParser.Malformed(
                    $"{at} the condition operator \"{block.Name}\" is not supported by EcsLocal. Use one of {string.Join(", ", ConditionOperators.All)}.");
            }

            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                return PolicyDocumentParser.Malformed($"{at} the value of {block.Name} must be a JSON object of condition keys.");
            }

            foreach (var entry in block.Value.EnumerateObject())
            {
                var parsed = ParseKey(block.Name, operandType, entry, at);
                if (!parsed.IsSuccess)
                {
                    return parsed.Error;
                }

                conditions.Add(parsed.Value);
            }
        }

        return conditions;
    }

    private static Result<PolicyCondition> ParseKey(string operatorName, ConditionKeyType operandType, JsonProperty entry, string at)
    {
        if (ConditionKeys.Find(entry.Name) is not var (key, keyType))
        {
            return PolicyDocumentParser.Malformed(
                $"{at} the condition key \"{entry.Name}\" is not supported by EcsLocal. Use one of {string.Join(", ", ConditionKeys.All)}.");
        }

        if (!ConditionOperators.Accepts(operandType, keyType))
        {
            return PolicyDocumentParser.Malformed($"{at} the condition key {key} cannot be used with {operatorName}.");
        }

        var values = ReadValues(entry.Value, $"{at} the value of {key}");
        if (!values.IsSuccess)
        {
            return values.Error;
        }

        var invalid = CheckValues(operatorName, operandType, key, values.Value);
        if (invalid is not null)
        {
            return PolicyDocumentParser.Malformed($"{at} {invalid}");
        }

        return new PolicyCondition(operatorName, key, values.Value);
    }

    // Bool values are also accepted as JSON true and false, and stored as "true" and "false".
    private static Result<IReadOnlyList<string>> ReadValues(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.True => new[] { "true" },
        JsonValueKind.False => new[] { "false" },
        _ => PolicyDocumentParser.ReadStrings(value, name),
    };

    private static string? CheckValues(string operatorName, ConditionKeyType operandType, string key, IReadOnlyList<string> values)
    {
        switch (operandType)
        {
            case ConditionKeyType.Boolean:
                if (values.Count != 1 || values[0] is not ("true" or "false"))
                {
                    return $"{operatorName} takes one value for {key}, \"true\" or \"false\".";
                }

                break;

            case ConditionKeyType.Date:
                var badDate = values.FirstOrDefault(value => PolicyCondition.ParseDate(value) is null);
                if (badDate is not null)
                {
                    return $"\"{badDate}\" is not a valid ISO 8601 date and time for {key}, such as 2026-01-01T00:00:00Z.";
                }

                break;

            case ConditionKeyType.IpAddress:
                var badIp = values.FirstOrDefault(value => IpRange.Parse(value) is null);
                if (badIp is not null)
                {
                    return $"\"{badIp}\" is not a valid IP address or CIDR block for {key}.";
                }

                break;
        }

        return null;
    }
}
