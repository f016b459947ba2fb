namespace EcsLocal.Domain.Access;

/// <summary>A parsed RAM policy document in policy language version 1.</summary>
public sealed record PolicyDocument(IReadOnlyList<PolicyStatement> Statements)
{
    /// <summary>The only policy language version RAM accepts.</summary>
    public const string LanguageVersion = "1";

    /// <summary>The maximum length of a custom policy document in characters, as CreatePolicy documents it.</summary>
    public const int MaxLength = 6144;

    /// <summary>
    /// Parses and validates a policy document as CreatePolicy does. Returns InvalidParameter.PolicyDocument.Length
    /// for a document longer than <see cref="MaxLength"/> characters, and MalformedPolicyDocument, with the element
    /// at fault in the message, for any other invalid document, an unsupported condition operator or key included.
    /// </summary>
    /// <remarks>
    /// Element names, Effect values and operator names are case-sensitive, as RAM documents them. NotAction is
    /// supported, but NotResource and Principal are rejected.
    /// </remarks>
    public static Result<PolicyDocument> Parse(string json) => PolicyDocumentParser.Parse(json);
}
