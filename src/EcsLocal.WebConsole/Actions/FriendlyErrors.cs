using EcsLocal.Domain.Errors;

namespace EcsLocal.WebConsole.Actions;

/// <summary>An API error as the console shows it: a sentence for people, with the API's code and message beside it.</summary>
/// <param name="HttpStatus">The HTTP status of the API's error response, which the page that shows the error returns too.</param>
public sealed record ConsoleError(string Summary, string Code, string ApiMessage, string? RequestId, int HttpStatus = 400);

/// <summary>Explains the API's error codes in words a person understands; unknown codes fall back to the API's message.</summary>
public static class FriendlyErrors
{
    private static readonly Dictionary<string, string> s_summaries = new(StringComparer.Ordinal)
    {
        ["InvalidAccessKeyId.NotFound"] = "No AccessKey with this ID exists. Check the AccessKey ID and try again.",
        ["SignatureDoesNotMatch"] = "The AccessKey secret is not correct for this AccessKey ID.",
        ["InvalidAccessKeyId.Inactive"] = "This AccessKey is disabled. Enable it, or sign in with another AccessKey.",
        ["Forbidden.RAM"] = "Your RAM user's policies do not allow this ECS action. Ask the account owner for permission.",
        ["Forbidden.NoPermission"] = "Your RAM user's policies do not allow this KMS action. Ask the account owner for permission.",
        ["NoPermission"] = "Your RAM user's policies do not allow this action. Ask the account owner for permission.",
        ["InvalidParameter.KmsNotEnabled"] = "KMS is not activated for this account in this region. Activate it with Activate KMS on the KMS keys page of the region.",
        ["InvalidParameter.Encrypted.KmsNotEnabled"] = "KMS is not activated for this account in this region. Activate it with Activate KMS on the KMS keys page of the region.",
        ["Forbidden.KmsServiceNotEnabled"] = "KMS is not activated for this account in this region, so its keys cannot be listed.",
        ["UserNotInTheWhiteList"] = "This account is not on the allow-list for account-level default encryption. Ask the operator to add it.",
        ["Abs.InvalidAction.RegionNotSupport"] = "This region does not offer account-level default encryption.",
        ["InvalidOperation.DefaultEncryptionAlreadyEnabled"] = "Default encryption is already on in this region.",
        ["InvalidDefaultEncryption.NotFound"] = "Default encryption is off in this region, so it has no default key to change.",
        ["InvalidOperation.KMSKeyIdNotFound"] = "The selected key does not exist in this region.",
        ["InvalidParameter.KMSKeyId.CMKNotEnabled"] = "The selected KMS key is disabled or pending deletion. Enable the key or choose another one.",
        ["InvalidParameter.KMSKeyId.KMSUnauthorized"] = "ECS may not use this key because the account lacks the service role for disk encryption.",
        ["InvalidKMSKeyId.NotSymmetric"] = "The selected key is asymmetric; disk encryption needs a symmetric key.",
        ["InvalidParameter.KMSKeyId.NotFound"] = "The selected KMS key does not exist in this region.",
        ["InvalidEncrypted.NotMatchKmsKeyId"] = "A KMS key was chosen for a disk that is not encrypted. Select Encrypted, or choose no key.",
        ["Forbidden.KeyNotFound"] = "No KMS key with this ID exists in this region.",
        ["Forbidden.AliasNotFound"] = "No alias with this name exists in this region.",
        ["AliasAlreadyExists"] = "An alias with this name already exists in this region. Choose another name.",
        ["Unsupported.Alias"] = "Alias names starting with alias/acs are reserved for keys of Alibaba Cloud services.",
        ["Rejected.Disabled"] = "The key is disabled. Enable it first.",
        ["Rejected.PendingDeletion"] = "The key is pending deletion. Cancel the deletion first.",
        ["Rejected.PendingImport"] = "The key is waiting for imported key material.",
        ["Rejected.StateModifiedFailed"] = "The key's state does not allow this change.",
        ["InvalidRegionId.NotFound"] = "This region does not exist.",
        ["InvalidZoneId.NotFound"] = "This zone does not exist in the region.",
        ["InvalidDiskCategory.ValueNotSupported"] = "This disk category is not supported.",
        ["InvalidDiskSize.TooSmall"] = "The disk size is below the minimum of its category.",
        ["InvalidDiskSize.ValueNotSupported"] = "The disk size is outside the range of its category.",
        ["InvalidDiskName.Malformed"] = "The disk name must be 2 to 128 characters, start with a letter and not start with http:// or https://.",
        ["MissingParameter"] = "A required field is empty.",
        ["InvalidParameter"] = "A field has a value that is not valid.",
        ["InternalError"] = "The server failed unexpectedly. The server log has the details.",
    };

    public static ConsoleError Describe(ServiceError error, string? requestId = null) =>
        new(s_summaries.GetValueOrDefault(error.Code) ?? error.Message, error.Code, error.Message, requestId, error.HttpStatus);
}
