using EcsLocal.Domain.Access;
using Microsoft.Data.Sqlite;
using static EcsLocal.Storage.Sqlite.SqliteCommands;

namespace EcsLocal.Storage.Sqlite;

/// <summary>RAM users, custom policies, their attachments and role details.</summary>
internal sealed partial class SqliteStoreSession
{
    private const string RoleColumns = "account_id, role_name, role_id, description, trust_policy, max_session_duration, created_at";
    private const string UserColumns = "account_id, user_name, user_id, display_name, comments, create_date, update_date";
    private const string PolicyColumns = "account_id, policy_name, description, document, create_date, update_date";
    private const string AttachmentColumns = "account_id, user_name, policy_type, policy_name, attach_date";

    public Task DeleteAccessKeyAsync(string accessKeyId) =>
        _sql.ExecuteAsync("DELETE FROM access_keys WHERE id = $id", ("$id", accessKeyId));

    public Task<RamRole?> GetRoleAsync(string accountId, string roleName) =>
        _sql.SingleAsync($"SELECT {RoleColumns} FROM account_roles WHERE account_id = $account AND role_name = $role", ReadRole,
            ("$account", accountId), ("$role", roleName));

    public async Task<IReadOnlyList<RamRole>> ListRoleDetailsAsync(string accountId) =>
        await _sql.QueryAsync($"SELECT {RoleColumns} FROM account_roles WHERE account_id = $account ORDER BY role_name", ReadRole,
            ("$account", accountId));

    public Task<RamUser?> GetUserAsync(string accountId, string userName) =>
        _sql.SingleAsync($"SELECT {UserColumns} FROM ram_users WHERE account_id = $account AND user_name = $user", ReadUser,
            ("$account", accountId), ("$user", userName));

    public Task InsertUserAsync(RamUser user) =>
        _sql.ExecuteAsync(
            $"INSERT INTO ram_users ({UserColumns}) VALUES ($account, $user, $userId, $displayName, $comments, $created, $updated)",
            ("$account", user.AccountId), ("$user", user.UserName), ("$userId", user.UserId), ("$displayName", user.DisplayName),
            ("$comments", user.Comments), ("$created", Time(user.CreateDate)), ("$updated", Time(user.UpdateDate)));

    public Task DeleteUserAsync(string accountId, string userName) =>
        _sql.ExecuteAsync("DELETE FROM ram_users WHERE account_id = $account AND user_name = $user", ("$account", accountId), ("$user", userName));

    public async Task<IReadOnlyList<RamUser>> ListUsersAsync(string accountId) =>
        await _sql.QueryAsync($"SELECT {UserColumns} FROM ram_users WHERE account_id = $account ORDER BY user_name", ReadUser,
            ("$account", accountId));

    public Task<CustomPolicy?> GetCustomPolicyAsync(string accountId, string policyName) =>
        _sql.SingleAsync($"SELECT {PolicyColumns} FROM ram_policies WHERE account_id = $account AND policy_name = $policy", ReadPolicy,
            ("$account", accountId), ("$policy", policyName));

    public Task InsertCustomPolicyAsync(CustomPolicy policy) =>
        _sql.ExecuteAsync(
            $"INSERT INTO ram_policies ({PolicyColumns}) VALUES ($account, $policy, $description, $document, $created, $updated)",
            ("$account", policy.AccountId), ("$policy", policy.PolicyName), ("$description", policy.Description),
            ("$document", policy.Document), ("$created", Time(policy.CreateDate)), ("$updated", Time(policy.UpdateDate)));

    public Task DeleteCustomPolicyAsync(string accountId, string policyName) =>
        _sql.ExecuteAsync("DELETE FROM ram_policies WHERE account_id = $account AND policy_name = $policy",
            ("$account", accountId), ("$policy", policyName));

    public async Task<IReadOnlyList<CustomPolicy>> ListCustomPoliciesAsync(string accountId) =>
        await _sql.QueryAsync($"SELECT {PolicyColumns} FROM ram_policies WHERE account_id = $account ORDER BY policy_name", ReadPolicy,
            ("$account", accountId));

    public Task InsertPolicyAttachmentAsync(PolicyAttachment attachment) =>
        _sql.ExecuteAsync(
            $"INSERT INTO ram_user_policies ({AttachmentColumns}) VALUES ($account, $user, $type, $policy, $attached)",
            ("$account", attachment.AccountId), ("$user", attachment.UserName), ("$type", attachment.PolicyType),
            ("$policy", attachment.PolicyName), ("$attached", Time(attachment.AttachDate)));

    public Task DeletePolicyAttachmentAsync(string accountId, string userName, string policyType, string policyName) =>
        _sql.ExecuteAsync(
            "DELETE FROM ram_user_policies WHERE account_id = $account AND user_name = $user AND policy_type = $type AND policy_name = $policy",
            ("$account", accountId), ("$user", userName), ("$type", policyType), ("$policy", policyName));

    public async Task<IReadOnlyList<PolicyAttachment>> ListUserPolicyAttachmentsAsync(string accountId, string userName) =>
        await _sql.QueryAsync(
            $"SELECT {AttachmentColumns} FROM ram_user_policies WHERE account_id = $account AND user_name = $user ORDER BY attach_date, policy_name",
            ReadAttachment, ("$account", accountId), ("$user", userName));

    public async Task<IReadOnlyList<PolicyAttachment>> ListPolicyAttachmentsAsync(string accountId, string policyType, string policyName) =>
        await _sql.QueryAsync(
            $"SELECT {AttachmentColumns} FROM ram_user_policies WHERE account_id = $account AND policy_type = $type AND policy_name = $policy " +
            "ORDER BY user_name",
            ReadAttachment, ("$account", accountId), ("$type", policyType), ("$policy", policyName));

    private static RamRole ReadRole(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
            ReadTime(reader, 6));

    private static RamUser ReadUser(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ReadTime(reader, 5),
            ReadTime(reader, 6));

    private static CustomPolicy ReadPolicy(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadTime(reader, 4), ReadTime(reader, 5));

    private static PolicyAttachment ReadAttachment(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadTime(reader, 4));
}
