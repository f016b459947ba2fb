namespace EcsLocal.Domain.Errors;

/// <summary>
/// Every error EcsLocal returns, with the HTTP status, code and message of the real ECS and KMS APIs.
/// </summary>
/// <remarks>
/// The same code can carry a different status or message in different actions (for example
/// <c>InvalidParameter.KMSKeyId.CMKNotEnabled</c> is 400 in ResetDiskDefaultKMSKeyId and 403 elsewhere),
/// so such variants are separate entries. Misspellings such as "does not exists" are the service's own.
/// </remarks>
public static partial class ErrorCatalog
{
    // Gateway: signature, timestamp, routing and generic parameter errors.
    public static readonly ServiceError MissingParameter = new(400, "MissingParameter",
        "The input parameter \"{0}\" that is mandatory for processing this request is not supplied.");
    public static readonly ServiceError InvalidParameter = new(400, "InvalidParameter",
        "The specified parameter \"{0}\" is not valid.");
    public static readonly ServiceError InvalidAccessKeyIdNotFound = new(404, "InvalidAccessKeyId.NotFound",
        "Specified access key is not found.");
    public static readonly ServiceError InvalidAccessKeyIdInactive = new(400, "InvalidAccessKeyId.Inactive",
        "Specified access key is disabled.");
    public static readonly ServiceError IncompleteSignature = new(400, "IncompleteSignature",
        "The request signature does not conform to Aliyun standards.");
    public static readonly ServiceError UnsupportedSignatureAlgorithm = new(400, "IncompleteSignature",
        "The request signature does not conform to Aliyun standards. EcsLocal verifies ACS3-HMAC-SHA256 and HMAC-SHA1 signatures only; {0} is not supported.");
    public static readonly ServiceError SignatureDoesNotMatch = new(400, "SignatureDoesNotMatch",
        "Specified signature is not matched with our calculation. server string to sign is:{0}");
    public static readonly ServiceError ContentHashDoesNotMatch = new(400, "SignatureDoesNotMatch",
        "Specified signature is not matched with our calculation. The x-acs-content-sha256 header does not match the SHA-256 of the request body.");
    public static readonly ServiceError InvalidTimeStampExpired = new(400, "InvalidTimeStamp.Expired",
        "Specified time stamp or date value is expired.");
    public static readonly ServiceError InvalidTimeStampFormat = new(400, "InvalidTimeStamp.Format",
        "Specified time stamp or date value is not well formatted.");
    public static readonly ServiceError IllegalTimestamp = new(400, "IllegalTimestamp",
        "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.");
    public static readonly ServiceError SignatureNonceUsed = new(400, "SignatureNonceUsed",
        "Specified signature nonce was used already.");
    public static readonly ServiceError InvalidVersion = new(400, "InvalidVersion",
        "Specified parameter Version is not valid.");
    public static readonly ServiceError InvalidActionNotFound = new(404, "InvalidAction.NotFound",
        "Specified api is not found, please check your url and method.");
    public static readonly ServiceError UnsupportedHttpMethod = new(403, "UnsupportedHTTPMethod",
        "This http method not supported.");
    public static readonly ServiceError TooManyParameters = new(400, "InvalidParameter",
        "The request carries more than {0} parameters.");
    public static readonly ServiceError ParameterTooLong = new(400, "InvalidParameter",
        "The specified parameter \"{0}\" is longer than {1} characters.");
    public static readonly ServiceError MissingAction = new(400, "MissingParameter",
        "The input parameter \"Action\" that is mandatory for processing this request is not supplied.");
    // NOTE: the real gateway's code for an oversized body is not documented; this one names the condition.
    public static readonly ServiceError RequestBodyTooLarge = new(413, "RequestEntityTooLarge",
        "The request body is larger than {0} bytes.");
    // NOTE: the real gateway's code for a body sent too slowly is not documented either.
    public static readonly ServiceError RequestBodyTimeout = new(408, "RequestTimeout",
        "The request body arrived slower than {0} bytes per second; send it again without pauses.");
    public static readonly ServiceError InternalError = new(500, "InternalError",
        "The request processing has failed due to some unknown error, exception or failure.");

    // ECS regions.
    public static readonly ServiceError RegionIdNotExists = new(403, "InvalidParameter.RegionIdNotExists",
        "The specified region does not exists.");
    public static readonly ServiceError InvalidRegionIdNotFound = new(404, "InvalidRegionId.NotFound",
        "The specified RegionId does not exist.");

    // ECS account-level default encryption.
    public static readonly ServiceError RegionNotSupported = new(403, "Abs.InvalidAction.RegionNotSupport",
        "This region does not support this action.");
    public static readonly ServiceError UserNotInTheWhiteList = new(403, "UserNotInTheWhiteList",
        "The user is not in disk white list.");
    public static readonly ServiceError KmsNotEnabled = new(400, "InvalidParameter.KmsNotEnabled",
        "Failed to perform this operation because KMS is not activated.");
    public static readonly ServiceError EncryptedKmsNotEnabled = new(400, "InvalidParameter.Encrypted.KmsNotEnabled",
        "KMS must be enabled for encrypted disks.");
    public static readonly ServiceError DefaultEncryptionAlreadyEnabled = new(403, "InvalidOperation.DefaultEncryptionAlreadyEnabled",
        "The specified region is already default encryption settings.");
    public static readonly ServiceError DefaultEncryptionNotFound = new(403, "InvalidDefaultEncryption.NotFound",
        "You have not configured default encryption setting in this region.");
    public static readonly ServiceError DefaultKeyNotFound = new(403, "InvalidOperation.KMSKeyIdNotFound",
        "The specified KMSKeyId not found, {0}.");
    public static readonly ServiceError KmsUnauthorized = new(403, "InvalidParameter.KMSKeyId.KMSUnauthorized",
        "ECS service have no right to access your KMS.");
    public static readonly ServiceError CmkNotEnabled = new(403, "InvalidParameter.KMSKeyId.CMKNotEnabled",
        "The CMK (Customer Master Key) must be in an active state.");
    public static readonly ServiceError KeyNotSymmetric = new(400, "InvalidKMSKeyId.NotSymmetric",
        "The specified parameter KmsKeyId must be symmetric.");

    // KMS.
    public static readonly ServiceError KmsServiceNotEnabled = new(403, "Forbidden.KmsServiceNotEnabled",
        "Kms service is not Enabled for current user. Please get access permission first.");
    public static readonly ServiceError KeyNotFound = new(404, "Forbidden.KeyNotFound",
        "The specified Key is not found.");
    public static readonly ServiceError AliasNotFound = new(404, "Forbidden.AliasNotFound",
        "The specified Alias is not found.");
    public static readonly ServiceError NoPermission = new(403, "Forbidden.NoPermission",
        "This operation is forbidden by permission system.");
    public static readonly ServiceError AliasAlreadyExists = new(400, "AliasAlreadyExists",
        "AliasName Already Exists.");
    public static readonly ServiceError UnsupportedAlias = new(400, "Unsupported.Alias",
        "Alias is not valid for this api.");
    public static readonly ServiceError RejectedDisabled = new(409, "Rejected.Disabled",
        "The request was rejected because the key state is Disabled.");
    public static readonly ServiceError RejectedPendingDeletion = new(409, "Rejected.PendingDeletion",
        "The request was rejected because the key state is PendingDeletion.");
    public static readonly ServiceError RejectedPendingImport = new(409, "Rejected.PendingImport",
        "The request was rejected because the key state is PendingImport.");
    public static readonly ServiceError RejectedStateModifiedFailed = new(409, "Rejected.StateModifiedFailed",
        "Keystate modified failed.");
    public static readonly ServiceError UnsupportedOrigin = new(400, "Unsupported.Origin",
        "This key origin is not valid for this api.");
    public static readonly ServiceError InvalidKeyMaterial = new(400, "InvalidKeyMaterial",
        "key material is invalid.");
    public static readonly ServiceError InvalidImportToken = new(400, "InvalidImportToken",
        "import token is invalid.");
    public static readonly ServiceError ExpiredImportToken = new(400, "ExpiredImportToken",
        "import token is expired.");
    public static readonly ServiceError InvalidCiphertext = new(400, "InvalidCiphertext",
        "The specified Ciphertext is not valid.");
    // NOTE: the service's code for a cryptographic call on a key that cannot do it (asymmetric or SIGN/VERIFY) is not documented.
    public static readonly ServiceError KeyCannotEncrypt = new(400, "InvalidParameter",
        "The specified parameter \"KeyId\" is not valid: the key must be a symmetric ENCRYPT/DECRYPT key.");
    // NOTE: the service's codes for an asymmetric action on an unsuitable key are not documented; these name the condition.
    public static readonly ServiceError KeyNotAsymmetric = new(400, "InvalidParameter",
        "The specified parameter \"KeyId\" is not valid: the action needs an asymmetric key.");
    public static readonly ServiceError KeyUsageMismatch = new(400, "InvalidParameter",
        "The specified parameter \"KeyId\" is not valid: the key's KeyUsage does not allow this action.");
    public static readonly ServiceError KeySpecNotSupported = new(400, "InvalidParameter",
        "The specified parameter \"KeyId\" is not valid: EcsLocal does not implement EC_SM2 operations.");
    public static readonly ServiceError RejectedDeletionProtection = new(409, "Rejected.StateModifiedFailed",
        "Keystate modified failed. Deletion protection is enabled for the key; call SetDeletionProtection to disable it first.");
}
