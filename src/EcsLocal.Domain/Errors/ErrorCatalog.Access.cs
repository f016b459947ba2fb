namespace EcsLocal.Domain.Errors;

/// <summary>The errors of RAM policy documents (CreatePolicy and CreatePolicyVersion).</summary>
public static partial class ErrorCatalog
{
    // RAM documents MalformedPolicyDocument (HTTP 400) with "{The error details}" as its message. The first
    // sentence below is the one RAM returns; the detail after it is EcsLocal's own wording.
    public static readonly ServiceError MalformedPolicyDocument = new(400, "MalformedPolicyDocument",
        "The policy document is invalid. {0}");

    public static readonly ServiceError PolicyDocumentTooLong = new(400, "InvalidParameter.PolicyDocument.Length",
        "The maximum length of the policy document is exceeded. It must not exceed 6144 characters.");
}
