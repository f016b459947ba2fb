namespace EcsLocal.Domain.Errors;

/// <summary>The errors of the RAM 2015-05-01 management actions for users, AccessKeys, policies and roles.</summary>
/// <remarks>
/// Codes, statuses and messages follow the RAM "Error messages" page and the per-action RAM API pages, including
/// their grammar ("does already EXIST", "CAN NOT has"). RAM documents no code for a missing required parameter, so
/// those requests get the gateway's <see cref="MissingParameter"/>.
/// </remarks>
public static partial class ErrorCatalog
{
    // Parameter formats.
    public static readonly ServiceError RamUserNameInvalidChars = new(400, "InvalidParameter.UserName.InvalidChars",
        "The parameter - \"UserName\" contains invalid chars.");
    public static readonly ServiceError RamUserNameLength = new(400, "InvalidParameter.UserName.Length",
        "The parameter - \"UserName\" beyond the length limit.");
    public static readonly ServiceError RamDisplayNameInvalidChars = new(400, "InvalidParameter.DisplayName.InvalidChars",
        "The parameter - \"DisplayName\" contains invalid chars.");
    public static readonly ServiceError RamDisplayNameLength = new(400, "InvalidParameter.DisplayName.Length",
        "The parameter - \"DisplayName\" beyond the length limit.");
    public static readonly ServiceError RamMobilePhoneFormat = new(400, "InvalidParameter.MobilePhone.Format",
        "The format of the parameter - \"MobilePhone\" is incorrect.");
    public static readonly ServiceError RamEmailFormat = new(400, "InvalidParameter.Email.Format",
        "The format of the parameter - \"Email\" is incorrect.");
    public static readonly ServiceError RamCommentsLength = new(400, "InvalidParameter.Comments.Length",
        "The parameter - \"Comments\" beyond the length limit.");
    public static readonly ServiceError RamPolicyTypeInvalid = new(400, "InvalidParameter.PolicyType",
        "The parameter - \"PolicyType\" is incorrect.");
    public static readonly ServiceError RamPolicyNameInvalidChars = new(400, "InvalidParameter.PolicyName.InvalidChars",
        "The parameter - \"PolicyName\" contains invalid chars.");
    public static readonly ServiceError RamPolicyNameLength = new(400, "InvalidParameter.PolicyName.Length",
        "The parameter - \"PolicyName\" beyond the length limit.");
    public static readonly ServiceError RamDescriptionLength = new(400, "InvalidParameter.Description.Length",
        "The parameter - \"Description\" beyond the length limit.");
    public static readonly ServiceError RamRoleNameInvalidChars = new(400, "InvalidParameter.RoleName.InvalidChars",
        "The parameter - \"RoleName\" contains invalid chars.");
    public static readonly ServiceError RamRoleNameLength = new(400, "InvalidParameter.RoleName.Length",
        "The parameter - \"RoleName\" beyond the length limit.");
    public static readonly ServiceError RamAssumeRolePolicyDocumentLength = new(400, "InvalidParameter.AssumeRolePolicyDocument.Length",
        "The parameter - \"AssumeRolePolicyDocument\" beyond the length limit.");

    // Entities that do not exist.
    public static readonly ServiceError RamUserNotFound = new(404, "EntityNotExist.User",
        "The user does not exist.");
    public static readonly ServiceError RamAccessKeyNotFound = new(404, "EntityNotExist.User.AccessKey",
        "The user access key does not exist.");
    public static readonly ServiceError RamUserPolicyNotFound = new(404, "EntityNotExist.User.Policy",
        "The indicate policy of the user does not exist.");
    public static readonly ServiceError RamPolicyNotFound = new(404, "EntityNotExist.Policy",
        "The policy does not exist.");
    public static readonly ServiceError RamRoleNotFound = new(404, "EntityNotExist.Role",
        "The role does not exist.");

    // Entities that exist already.
    public static readonly ServiceError RamUserExists = new(409, "EntityAlreadyExists.User",
        "The user does already EXIST.");
    public static readonly ServiceError RamUserPolicyExists = new(409, "EntityAlreadyExists.User.Policy",
        "The user has already been attached this policy.");
    // NOTE: the RAM documentation gives "The group does already EXIST." for this code, which looks copied from the
    // group error. This message follows the user and role messages instead.
    public static readonly ServiceError RamPolicyExists = new(409, "EntityAlreadyExists.Policy",
        "The policy does already EXIST.");
    public static readonly ServiceError RamRoleExists = new(409, "EntityAlreadyExists.Role",
        "The role does already EXIST.");

    // Deletions that other entities block.
    public static readonly ServiceError RamDeleteUserWithAccessKey = new(409, "DeleteConflict.User.AccessKey",
        "The user CAN NOT has any access key while deleting the user.");
    public static readonly ServiceError RamDeleteUserWithPolicy = new(409, "DeleteConflict.User.Policy",
        "The user CAN NOT has any attached policy while deleting the user.");
    public static readonly ServiceError RamDeletePolicyAttachedToUser = new(409, "DeleteConflict.Policy.User",
        "The policy CAN NOT been attached to any user while deleting the policy.");

    // Quotas.
    public static readonly ServiceError RamUserLimitExceeded = new(409, "LimitExceeded.User",
        "The count of users beyond the current limits.");
    public static readonly ServiceError RamAccessKeyLimitExceeded = new(409, "LimitExceeded.User.AccessKey",
        "The access key count of the user access keys beyond the current limits.");
    public static readonly ServiceError RamUserPolicyLimitExceeded = new(409, "LimitExceeded.User.Policy",
        "The policy count of the user attached policies beyond the current limits.");
    public static readonly ServiceError RamPolicyLimitExceeded = new(409, "LimitExceeded.Policy",
        "The count of policy beyond the current limits.");
    public static readonly ServiceError RamRoleLimitExceeded = new(409, "LimitExceeded.Role",
        "The count of roles beyond the current limits.");
}
