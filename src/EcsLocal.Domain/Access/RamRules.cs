using System.Text.Json;
using System.Text.RegularExpressions;
using EcsLocal.Domain.Errors;

namespace EcsLocal.Domain.Access;

/// <summary>The naming rules and quotas of RAM users, AccessKeys, policies and roles.</summary>
/// <remarks>
/// Name rules come from the RAM 2015-05-01 API reference (CreateUser, CreatePolicy, CreateRole). Quotas come from the
/// RAM "Limits" page: 1,000 users, 1,500 custom policies and 1,000 roles per account, 2 AccessKeys per user, and 10
/// custom plus 20 system policies attached to one user.
/// </remarks>
public static partial class RamRules
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 128;
    public const int MaxCommentsLength = 128;
    public const int MaxPolicyNameLength = 128;
    public const int MaxDescriptionLength = 1024;
    public const int MaxRoleNameLength = 64;

    // NOTE: RAM documents the InvalidParameter.AssumeRolePolicyDocument.Length error but not the limit itself.
    public const int MaxTrustPolicyLength = 4096;

    public const int MinSessionDuration = 3600;
    public const int MaxSessionDuration = 43200;

    public const int MaxUsersPerAccount = 1000;
    public const int MaxCustomPoliciesPerAccount = 1500;
    public const int MaxRolesPerAccount = 1000;
    public const int MaxAccessKeysPerUser = 2;
    public const int MaxCustomPoliciesPerUser = 10;
    public const int MaxSystemPoliciesPerUser = 20;

    /// <summary>Checks a user name: 1 to 64 letters, digits, periods, hyphens and underscores.</summary>
    public static ServiceError? CheckUserName(string name) =>
        name.Length > MaxUserNameLength ? ErrorCatalog.RamUserNameLength
        : UserNamePattern().IsMatch(name) ? null
        : ErrorCatalog.RamUserNameInvalidChars;

    /// <summary>
    /// Checks a display name: 1 to 128 letters (any script, so Chinese names pass), digits, spaces and
    /// <c>@ . _ -</c>.
    /// </summary>
    /// <remarks>NOTE: the RAM error page does not list the space. EcsLocal accepts it because console names often contain one.</remarks>
    public static ServiceError? CheckDisplayName(string name) =>
        name.Length > MaxDisplayNameLength ? ErrorCatalog.RamDisplayNameLength
        : name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '@' or '.' or '_' or '-') ? null
        : ErrorCatalog.RamDisplayNameInvalidChars;

    /// <summary>Checks a mobile phone number in the form <c>&lt;country code&gt;-&lt;number&gt;</c>, such as <c>86-18600000000</c>.</summary>
    public static ServiceError? CheckMobilePhone(string phone) =>
        MobilePhonePattern().IsMatch(phone) ? null : ErrorCatalog.RamMobilePhoneFormat;

    public static ServiceError? CheckEmail(string email) =>
        EmailPattern().IsMatch(email) ? null : ErrorCatalog.RamEmailFormat;

    public static ServiceError? CheckComments(string comments) =>
        comments.Length > MaxCommentsLength ? ErrorCatalog.RamCommentsLength : null;

    /// <summary>Checks a policy name: 1 to 128 letters, digits and hyphens.</summary>
    public static ServiceError? CheckPolicyName(string name) =>
        name.Length > MaxPolicyNameLength ? ErrorCatalog.RamPolicyNameLength
        : PolicyNamePattern().IsMatch(name) ? null
        : ErrorCatalog.RamPolicyNameInvalidChars;

    /// <summary>Checks a policy type, which is case-sensitive: <c>System</c> or <c>Custom</c>.</summary>
    public static ServiceError? CheckPolicyType(string type) =>
        type is PolicyTypes.System or PolicyTypes.Custom ? null : ErrorCatalog.RamPolicyTypeInvalid;

    /// <summary>Checks the description of a policy or a role: at most 1,024 characters.</summary>
    public static ServiceError? CheckDescription(string description) =>
        description.Length > MaxDescriptionLength ? ErrorCatalog.RamDescriptionLength : null;

    /// <summary>Checks a role name: 1 to 64 letters, digits, periods and hyphens.</summary>
    public static ServiceError? CheckRoleName(string name) =>
        name.Length > MaxRoleNameLength ? ErrorCatalog.RamRoleNameLength
        : RoleNamePattern().IsMatch(name) ? null
        : ErrorCatalog.RamRoleNameInvalidChars;

    /// <summary>
    /// Checks the outline of a trust policy: a JSON object whose <c>Version</c> is <c>"1"</c> and whose
    /// <c>Statement</c> is an array. The statements themselves are stored as sent, because EcsLocal has no STS.
    /// </summary>
    public static ServiceError? CheckTrustPolicy(string document)
    {
        if (document.Length > MaxTrustPolicyLength)
        {
            return ErrorCatalog.RamAssumeRolePolicyDocumentLength;
        }

        try
        {
            using var json = JsonDocument.Parse(document, new JsonDocumentOptions { MaxDepth = 16 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ErrorCatalog.MalformedPolicyDocument.Format("The trust policy must be a JSON object.");
            }

            if (!root.TryGetProperty("Version", out var version) || version.ValueKind != JsonValueKind.String ||
                version.GetString() != PolicyDocument.LanguageVersion)
            {
                return ErrorCatalog.MalformedPolicyDocument.Format("The element \"Version\" must be the string \"1\".");
            }

            if (!root.TryGetProperty("Statement", out var statement) || statement.ValueKind != JsonValueKind.Array)
            {
                return ErrorCatalog.MalformedPolicyDocument.Format("The element \"Statement\" must be an array.");
            }

            return null;
        }
        catch (JsonException)
        {
            return ErrorCatalog.MalformedPolicyDocument.Format("The trust policy is not valid JSON.");
        }
    }

    /// <summary>Returns the ARN of a role, <c>acs:ram::&lt;account id&gt;:role/&lt;role name in lower case&gt;</c>.</summary>
    /// <remarks>
    /// NOTE: the lower case is not confirmed for ordinary roles. RAM's CreateRole example keeps the case of the name,
    /// but its service-linked role examples are in lower case.
    /// </remarks>
    public static string RoleArn(string accountId, string roleName) =>
        $"acs:ram::{accountId}:role/{roleName.ToLowerInvariant()}";

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[0-9]{1,4}-[0-9]{4,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9.-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();
}
