using System.Text.Json;
using EcsLocal.Domain.Errors;

namespace EcsLocal.Domain.Access;

/// <summary>Turns policy JSON into a <see cref="PolicyDocument"/>, naming the first element at fault.</summary>
internal static class PolicyDocumentParser
{
    private const string ResourcePrefix = "acs:";

    private static readonly HashSet<string> s_statementElements =
        new(StringComparer.Ordinal) { "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "Condition" };

    public static Result<PolicyDocument> Parse(string json)
    {
        if (json.Length > PolicyDocument.MaxLength)
        {
            return ErrorCatalog.PolicyDocumentTooLong;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            return Malformed($"The document is not valid JSON (line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}).");
        }

        using (parsed)
        {
            return ParseRoot(parsed.RootElement);
        }
    }

    private static Result<PolicyDocument> ParseRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Malformed("The document must be a JSON object with Version and Statement.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("Version" or "Statement"))
            {
                return Malformed($"The element \"{property.Name}\" is not valid at the top level. Use only Version and Statement.");
            }
        }

        if (!root.TryGetProperty("Version", out var version))
        {
            return Malformed("Version is missing. Set it to \"1\".");
        }

        if (version.ValueKind != JsonValueKind.String || version.GetString() != PolicyDocument.LanguageVersion)
        {
            return Malformed($"Version {version.GetRawText()} is not valid. The only valid value is \"1\".");
        }

        if (!root.TryGetProperty("Statement", out var statements))
        {
            return Malformed("Statement is missing.");
        }

        if (statements.ValueKind != JsonValueKind.Array || statements.GetArrayLength() == 0)
        {
            return Malformed("Statement must be a list of one or more statements.");
        }

        var parsedStatements = new List<PolicyStatement>();
        var number = 0;
        foreach (var element in statements.EnumerateArray())
        {
            var statement = ParseStatement(element, ++number);
            if (!statement.IsSuccess)
            {
                return statement.Error;
            }

            parsedStatements.Add(statement.Value);
        }

        return new PolicyDocument(parsedStatements);
    }

    private static Result<PolicyStatement> ParseStatement(JsonElement element, int number)
    {
        var at = $"Statement {number}:";
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Malformed($"{at} a statement must be a JSON object.");
        }

        var unknown = element.EnumerateObject().FirstOrDefault(property => !s_statementElements.Contains(property.Name));
        if (unknown.Value.ValueKind != JsonValueKind.Undefined)
        {
            return Malformed($"{at} the element \"{unknown.Name}\" is not valid. Use Effect, Action or NotAction, Resource and Condition.");
        }

        if (element.TryGetProperty("Principal", out _))
        {
            return Malformed($"{at} Principal is not allowed in a RAM policy. It belongs in resource-based and trust policies.");
        }

        if (element.TryGetProperty("NotResource", out _))
        {
            return Malformed($"{at} NotResource is not supported by EcsLocal. List the resources in Resource.");
        }

        var effect = ParseEffect(element, at);
        if (!effect.IsSuccess)
        {
            return effect.Error;
        }

        var actions = ParseActions(element, at);
        if (!actions.IsSuccess)
        {
            return actions.Error;
        }

        var resources = ParseResources(element, at);
        if (!resources.IsSuccess)
        {
            return resources.Error;
        }

        var conditions = element.TryGetProperty("Condition", out var condition)
            ? PolicyConditionParser.Parse(condition, at)
            : Result<IReadOnlyList<PolicyCondition>>.Success([]);
        if (!conditions.IsSuccess)
        {
            return conditions.Error;
        }

        return new PolicyStatement(effect.Value, actions.Value.Patterns, actions.Value.IsNotAction, resources.Value, conditions.Value);
    }

    private static Result<PolicyEffect> ParseEffect(JsonElement statement, string at)
    {
        if (!statement.TryGetProperty("Effect", out var effect))
        {
            return Malformed($"{at} Effect is missing. Use Allow or Deny.");
        }

        return effect.ValueKind == JsonValueKind.String ? effect.GetString() switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            _ => Malformed($"{at} Effect {effect.GetRawText()} is not valid. Use Allow or Deny."),
        } : Malformed($"{at} Effect {effect.GetRawText()} is not valid. Use Allow or Deny.");
    }

    private static Result<(IReadOnlyList<string> Patterns, bool IsNotAction)> ParseActions(JsonElement statement, string at)
    {
        var hasAction = statement.TryGetProperty("Action", out var action);
        var hasNotAction = statement.TryGetProperty("NotAction", out var notAction);
        if (hasAction == hasNotAction)
        {
            return Malformed(hasAction
                ? $"{at} use either Action or NotAction, not both."
                : $"{at} Action is missing.");
        }

        var name = hasAction ? "Action" : "NotAction";
        var patterns = ReadStrings(hasAction ? action : notAction, $"{at} {name}");
        if (!patterns.IsSuccess)
        {
            return patterns.Error;
        }

        var invalid = patterns.Value.FirstOrDefault(pattern => !IsActionPattern(pattern));
        if (invalid is not null)
        {
            return Malformed($"{at} the action \"{invalid}\" is not valid. Use * or <ram-code>:<action-name>, such as ecs:DescribeDisks.");
        }

        return (patterns.Value, !hasAction);
    }

    private static Result<IReadOnlyList<string>> ParseResources(JsonElement statement, string at)
    {
        if (!statement.TryGetProperty("Resource", out var resource))
        {
            return Malformed($"{at} Resource is missing.");
        }

        var patterns = ReadStrings(resource, $"{at} Resource");
        if (!patterns.IsSuccess)
        {
            return patterns.Error;
        }

        var invalid = patterns.Value.FirstOrDefault(pattern => !IsResourcePattern(pattern));
        if (invalid is not null)
        {
            return Malformed($"{at} the resource \"{invalid}\" is not valid. Use * or an ARN acs:<service>:<region>:<account>:<relative-id>.");
        }

        return patterns;
    }

    /// <summary>Reads a string or a non-empty list of non-empty strings.</summary>
    internal static Result<IReadOnlyList<string>> ReadStrings(JsonElement value, string name)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var single = value.GetString()!;
            return single.Length > 0 ? new[] { single } : Malformed($"{name} must not be empty.");
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return Malformed($"{name} must be a string or a list of one or more strings.");
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0)
            {
                return Malformed($"{name} must be a string or a list of one or more strings.");
            }

            items.Add(item.GetString()!);
        }

        return items;
    }

    internal static ServiceError Malformed(string detail) => ErrorCatalog.MalformedPolicyDocument.Format(detail);

    private static bool IsActionPattern(string pattern)
    {
        if (pattern == "*")
        {
            return true;
        }

        var parts = pattern.Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0;
    }

    // An ARN has five colon-separated parts, and the last one, the relative id, may itself contain colons.
    private static bool IsResourcePattern(string pattern) =>
        pattern == "*" || (pattern.StartsWith(ResourcePrefix, StringComparison.Ordinal) && pattern.Split(':', 5).Length == 5);
}
