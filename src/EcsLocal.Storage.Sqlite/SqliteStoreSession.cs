using System.Text;
using EcsLocal.Application.Storage;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Kms;
using Microsoft.Data.Sqlite;
using static EcsLocal.Storage.Sqlite.SqliteCommands;

namespace EcsLocal.Storage.Sqlite;

internal sealed partial class SqliteStoreSession(SqliteConnection connection, SqliteTransaction transaction) : IStoreSession
{
    private const string KeyColumns =
        "key_id, account_id, region_id, key_spec, key_usage, origin, protection_level, description, state, creator, is_service_key, " +
        "creation_date, delete_date, primary_key_version, automatic_rotation, rotation_interval_seconds, deletion_protection, deletion_protection_description, " +
        "material_expire_time";

    private readonly SqliteCommands _sql = new(connection, transaction);

    public Task<Account?> GetAccountAsync(string accountId) =>
        _sql.SingleAsync("SELECT id, created_at, default_encryption_allowed FROM accounts WHERE id = $id", ReadAccount, ("$id", accountId));

    public Task InsertAccountAsync(Account account) =>
        _sql.ExecuteAsync("INSERT INTO accounts (id, created_at, default_encryption_allowed) VALUES ($id, $created, $allowed)",
            ("$id", account.Id), ("$created", Time(account.CreatedAt)), ("$allowed", account.DefaultEncryptionAllowed));

    public Task UpdateAccountAsync(Account account) =>
        _sql.ExecuteAsync("UPDATE accounts SET default_encryption_allowed = $allowed WHERE id = $id",
            ("$id", account.Id), ("$allowed", account.DefaultEncryptionAllowed));

    public async Task<IReadOnlyList<Account>> ListAccountsAsync() =>
        await _sql.QueryAsync("SELECT id, created_at, default_encryption_allowed FROM accounts ORDER BY created_at, id", ReadAccount);

    public Task<AccessKey?> GetAccessKeyAsync(string accessKeyId) =>
        _sql.SingleAsync("SELECT id, account_id, status, created_at, protected_secret, user_name FROM access_keys WHERE id = $id",
            ReadAccessKey, ("$id", accessKeyId));

    public Task InsertAccessKeyAsync(AccessKey accessKey) =>
        _sql.ExecuteAsync(
            "INSERT INTO access_keys (id, account_id, status, created_at, protected_secret, user_name) " +
            "VALUES ($id, $account, $status, $created, $secret, $user)",
            ("$id", accessKey.Id), ("$account", accessKey.AccountId), ("$status", accessKey.Status.ToString()),
            ("$created", Time(accessKey.CreatedAt)), ("$secret", accessKey.ProtectedSecret), ("$user", accessKey.UserName));

    public Task UpdateAccessKeyStatusAsync(string accessKeyId, AccessKeyStatus status) =>
        _sql.ExecuteAsync("UPDATE access_keys SET status = $status WHERE id = $id", ("$id", accessKeyId), ("$status", status.ToString()));

    public async Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string accountId) =>
        await _sql.QueryAsync("SELECT id, account_id, status, created_at, protected_secret, user_name FROM access_keys WHERE account_id = $account ORDER BY created_at, id",
            ReadAccessKey, ("$account", accountId));

    public async Task<bool> HasRoleAsync(string accountId, string roleName) =>
        await _sql.ScalarAsync("SELECT COUNT(*) FROM account_roles WHERE account_id = $account AND role_name = $role",
            ("$account", accountId), ("$role", roleName)) > 0;

    public Task AddRoleAsync(RamRole role) =>
        _sql.ExecuteAsync(
            """
            INSERT OR IGNORE INTO account_roles (account_id, role_name, role_id, description, trust_policy, max_session_duration, created_at)
            VALUES ($account, $role, $roleId, $description, $trust, $maxSession, $created)
            """,
            ("$account", role.AccountId), ("$role", role.RoleName), ("$roleId", role.RoleId), ("$description", role.Description),
            ("$trust", role.AssumeRolePolicyDocument), ("$maxSession", role.MaxSessionDuration), ("$created", Time(role.CreateDate)));

    public Task RemoveRoleAsync(string accountId, string roleName) =>
        _sql.ExecuteAsync("DELETE FROM account_roles WHERE account_id = $account AND role_name = $role", ("$account", accountId), ("$role", roleName));

    public async Task<IReadOnlyList<string>> ListRolesAsync(string accountId) =>
        await _sql.QueryAsync("SELECT role_name FROM account_roles WHERE account_id = $account ORDER BY role_name",
            reader => reader.GetString(0), ("$account", accountId));

    public async Task<bool> IsDefaultEncryptionWithheldAsync(string regionId) =>
        await _sql.ScalarAsync("SELECT COUNT(*) FROM regions_without_default_encryption WHERE region_id = $region", ("$region", regionId)) > 0;

    public Task SetDefaultEncryptionWithheldAsync(string regionId, bool withheld) =>
        withheld
            ? _sql.ExecuteAsync("INSERT OR IGNORE INTO regions_without_default_encryption (region_id) VALUES ($region)", ("$region", regionId))
            : _sql.ExecuteAsync("DELETE FROM regions_without_default_encryption WHERE region_id = $region", ("$region", regionId));

    public async Task<IReadOnlyList<string>> ListDefaultEncryptionWithheldRegionsAsync() =>
        await _sql.QueryAsync("SELECT region_id FROM regions_without_default_encryption ORDER BY region_id", reader => reader.GetString(0));

    public async Task<bool> IsKmsActivatedAsync(string accountId, string regionId) =>
        await _sql.ScalarAsync("SELECT COUNT(*) FROM kms_activations WHERE account_id = $account AND region_id = $region",
            ("$account", accountId), ("$region", regionId)) > 0;

    public Task ActivateKmsAsync(string accountId, string regionId, DateTimeOffset activatedAt) =>
        _sql.ExecuteAsync("INSERT OR IGNORE INTO kms_activations (account_id, region_id, activated_at) VALUES ($account, $region, $at)",
            ("$account", accountId), ("$region", regionId), ("$at", Time(activatedAt)));

    public Task<RegionEncryptionSetting?> GetRegionEncryptionAsync(string accountId, string regionId) =>
        _sql.SingleAsync(
            "SELECT account_id, region_id, enabled, default_key_id FROM region_encryption WHERE account_id = $account AND region_id = $region",
            reader => new RegionEncryptionSetting(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), ReadOptionalString(reader, 3)),
            ("$account", accountId), ("$region", regionId));

    public Task SaveRegionEncryptionAsync(RegionEncryptionSetting setting) =>
        _sql.ExecuteAsync(
            """
            INSERT INTO region_encryption (account_id, region_id, enabled, default_key_id) VALUES ($account, $region, $enabled, $key)
            ON CONFLICT (account_id, region_id) DO UPDATE SET enabled = excluded.enabled, default_key_id = excluded.default_key_id
            """,
            ("$account", setting.AccountId), ("$region", setting.RegionId), ("$enabled", setting.Enabled), ("$key", setting.DefaultKeyId));

    public Task<KmsKey?> GetKeyAsync(string accountId, string regionId, string keyId) =>
        _sql.SingleAsync($"SELECT {KeyColumns} FROM kms_keys WHERE account_id = $account AND region_id = $region AND key_id = $key",
            ReadKey, ("$account", accountId), ("$region", regionId), ("$key", keyId));

    public Task InsertKeyAsync(KmsKey key) =>
        _sql.ExecuteAsync(
            $"""
            INSERT INTO kms_keys ({KeyColumns}) VALUES ($key, $account, $region, $spec, $usage, $origin, $protection, $description, $state,
                $creator, $service, $created, $delete, $version, $rotation, $interval, $deletionProtection, $deletionProtectionDescription,
                $materialExpire)
            """,
            KeyParameters(key));

    public Task UpdateKeyAsync(KmsKey key) =>
        _sql.ExecuteAsync(
            """
            UPDATE kms_keys SET description = $description, state = $state, delete_date = $delete, primary_key_version = $version,
                automatic_rotation = $rotation, rotation_interval_seconds = $interval, deletion_protection = $deletionProtection,
                deletion_protection_description = $deletionProtectionDescription, material_expire_time = $materialExpire
            WHERE account_id = $account AND region_id = $region AND key_id = $key
            """,
            KeyParameters(key));

    public Task<KeyVersion?> GetKeyVersionAsync(string accountId, string regionId, string keyId, string versionId) =>
        _sql.SingleAsync(
            """
            SELECT account_id, region_id, key_id, version_id, creation_date, protected_material FROM kms_key_versions
            WHERE account_id = $account AND region_id = $region AND key_id = $key AND version_id = $version
            """,
            reader => new KeyVersion(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadTime(reader, 4),
                (byte[])reader.GetValue(5)),
            ("$account", accountId), ("$region", regionId), ("$key", keyId), ("$version", versionId));

    public async Task<IReadOnlyList<KeyVersion>> ListKeyVersionsAsync(string accountId, string regionId, string keyId) =>
        await _sql.QueryAsync(
            """
            SELECT account_id, region_id, key_id, version_id, creation_date, protected_material FROM kms_key_versions
            WHERE account_id = $account AND region_id = $region AND key_id = $key ORDER BY creation_date, version_id
            """,
            reader => new KeyVersion(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadTime(reader, 4),
                (byte[])reader.GetValue(5)),
            ("$account", accountId), ("$region", regionId), ("$key", keyId));

    public Task<ImportToken?> GetImportTokenAsync(string token) =>
        _sql.SingleAsync(
            "SELECT token, account_id, region_id, key_id, wrapping_algorithm, protected_private_key, expires_at FROM kms_import_tokens WHERE token = $token",
            reader => new ImportToken(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                (byte[])reader.GetValue(5), ReadTime(reader, 6)),
            ("$token", token));

    public Task InsertImportTokenAsync(ImportToken token) =>
        _sql.ExecuteAsync(
            """
            INSERT INTO kms_import_tokens (token, account_id, region_id, key_id, wrapping_algorithm, protected_private_key, expires_at)
            VALUES ($token, $account, $region, $key, $algorithm, $private, $expires)
            """,
            ("$token", token.Token), ("$account", token.AccountId), ("$region", token.RegionId), ("$key", token.KeyId),
            ("$algorithm", token.WrappingAlgorithm), ("$private", token.ProtectedPrivateKey), ("$expires", Time(token.ExpiresAt)));

    public Task InsertKeyVersionAsync(KeyVersion version) =>
        _sql.ExecuteAsync(
            """
            INSERT INTO kms_key_versions (account_id, region_id, key_id, version_id, creation_date, protected_material)
            VALUES ($account, $region, $key, $version, $created, $material)
            """,
            ("$account", version.AccountId), ("$region", version.RegionId), ("$key", version.KeyId), ("$version", version.VersionId),
            ("$created", Time(version.CreationDate)), ("$material", version.ProtectedMaterial));

    public async Task<int> DeleteKeysDueForDeletionAsync(string accountId, string regionId, DateTimeOffset now)
    {
        (string, object?)[] due = [("$account", accountId), ("$region", regionId), ("$now", Time(now))];
        const string DueCondition = "account_id = $account AND region_id = $region AND state = 'PendingDeletion' AND delete_date <= $now";
        await _sql.ExecuteAsync(
            $"DELETE FROM kms_aliases WHERE account_id = $account AND region_id = $region AND key_id IN (SELECT key_id FROM kms_keys WHERE {DueCondition})",
            due);
        await _sql.ExecuteAsync(
            $"DELETE FROM kms_key_versions WHERE account_id = $account AND region_id = $region AND key_id IN (SELECT key_id FROM kms_keys WHERE {DueCondition})",
            due);
        return await _sql.ExecuteAsync($"DELETE FROM kms_keys WHERE {DueCondition}", due);
    }

    public async Task<Page<KmsKey>> ListKeysAsync(KeyQuery query)
    {
        var where = new StringBuilder("account_id = $account AND region_id = $region");
        var parameters = new List<(string, object?)> { ("$account", query.AccountId), ("$region", query.RegionId) };
        AddInFilter(where, parameters, "state", query.KeyStates);
        AddInFilter(where, parameters, "key_spec", query.KeySpecs);
        AddInFilter(where, parameters, "key_usage", query.KeyUsages);
        AddInFilter(where, parameters, "protection_level", query.ProtectionLevels);
        if (query.ServiceKeys is { } serviceKeys)
        {
            where.Append(" AND is_service_key = ").Append(serviceKeys ? 1 : 0);
        }

        if (query.AliasNames is { } aliasNames)
        {
            var names = AddParameters(parameters, "alias", aliasNames);
            where.Append(
                $" AND key_id IN (SELECT key_id FROM kms_aliases WHERE account_id = $account AND region_id = $region AND alias_name IN ({names}))");
        }

        var total = await _sql.ScalarAsync($"SELECT COUNT(*) FROM kms_keys WHERE {where}", [.. parameters]);
        parameters.Add(("$limit", query.PageSize));
        parameters.Add(("$offset", (long)(query.PageNumber - 1) * query.PageSize));
        var items = await _sql.QueryAsync(
            $"SELECT {KeyColumns} FROM kms_keys WHERE {where} ORDER BY creation_date, key_id LIMIT $limit OFFSET $offset", ReadKey, [.. parameters]);
        return new Page<KmsKey>(items, (int)total);
    }

    public Task<KmsAlias?> GetAliasAsync(string accountId, string regionId, string aliasName) =>
        _sql.SingleAsync(
            "SELECT account_id, region_id, alias_name, key_id, created_at FROM kms_aliases WHERE account_id = $account AND region_id = $region AND alias_name = $name",
            ReadAlias, ("$account", accountId), ("$region", regionId), ("$name", aliasName));

    public Task InsertAliasAsync(KmsAlias alias) =>
        _sql.ExecuteAsync("INSERT INTO kms_aliases (account_id, region_id, alias_name, key_id, created_at) VALUES ($account, $region, $name, $key, $created)",
            ("$account", alias.AccountId), ("$region", alias.RegionId), ("$name", alias.Name), ("$key", alias.KeyId), ("$created", Time(alias.CreatedAt)));

    public Task UpdateAliasAsync(KmsAlias alias) =>
        _sql.ExecuteAsync("UPDATE kms_aliases SET key_id = $key WHERE account_id = $account AND region_id = $region AND alias_name = $name",
            ("$account", alias.AccountId), ("$region", alias.RegionId), ("$name", alias.Name), ("$key", alias.KeyId));

    public Task DeleteAliasAsync(KmsAlias alias) =>
        _sql.ExecuteAsync("DELETE FROM kms_aliases WHERE account_id = $account AND region_id = $region AND alias_name = $name",
            ("$account", alias.AccountId), ("$region", alias.RegionId), ("$name", alias.Name));

    public async Task<Page<KmsAlias>> ListAliasesAsync(string accountId, string regionId, string? keyId, int pageNumber, int pageSize)
    {
        var where = "account_id = $account AND region_id = $region" + (keyId is null ? "" : " AND key_id = $key");
        (string, object?)[] filter = [("$account", accountId), ("$region", regionId), ("$key", keyId)];
        var total = await _sql.ScalarAsync($"SELECT COUNT(*) FROM kms_aliases WHERE {where}", filter);
        var items = await _sql.QueryAsync(
            $"SELECT account_id, region_id, alias_name, key_id, created_at FROM kms_aliases WHERE {where} ORDER BY alias_name LIMIT $limit OFFSET $offset",
            ReadAlias, [.. filter, ("$limit", pageSize), ("$offset", (long)(pageNumber - 1) * pageSize)]);
        return new Page<KmsAlias>(items, (int)total);
    }

    public async Task<bool> TryRecordNonceAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var changed = await _sql.ExecuteAsync(
            """
            INSERT INTO signature_nonces (access_key_id, nonce, expires_at) VALUES ($key, $nonce, $expires)
            ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE signature_nonces.expires_at <= $now
            """,
            ("$key", accessKeyId), ("$nonce", nonce), ("$expires", Time(expiresAt)), ("$now", Time(now)));
        return changed > 0;
    }

    public Task<int> DeleteExpiredNoncesAsync(DateTimeOffset now) =>
        _sql.ExecuteAsync("DELETE FROM signature_nonces WHERE expires_at <= $now", ("$now", Time(now)));

    private static void AddInFilter(StringBuilder where, List<(string, object?)> parameters, string column, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        where.Append(values.Count == 0 ? " AND 0" : $" AND {column} IN ({AddParameters(parameters, column, values)})");
    }

    private static string AddParameters(List<(string, object?)> parameters, string prefix, IReadOnlyList<string> values)
    {
        var names = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var name = $"${prefix}{i}";
            parameters.Add((name, values[i]));
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    private static (string, object?)[] KeyParameters(KmsKey key) =>
    [
        ("$key", key.Id), ("$account", key.AccountId), ("$region", key.RegionId), ("$spec", key.KeySpec), ("$usage", key.KeyUsage),
        ("$origin", key.Origin), ("$protection", key.ProtectionLevel), ("$description", key.Description), ("$state", key.State.ToString()),
        ("$creator", key.Creator), ("$service", key.IsServiceKey), ("$created", Time(key.CreationDate)), ("$delete", Time(key.DeleteDate)),
        ("$version", key.PrimaryKeyVersion), ("$rotation", key.AutomaticRotation), ("$interval", key.RotationIntervalSeconds),
        ("$deletionProtection", key.DeletionProtection), ("$deletionProtectionDescription", key.DeletionProtectionDescription),
        ("$materialExpire", Time(key.MaterialExpireTime)),
    ];

    private static Account ReadAccount(SqliteDataReader reader) =>
        new(reader.GetString(0), ReadTime(reader, 1), reader.GetBoolean(2));

    private static AccessKey ReadAccessKey(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), Enum.Parse<AccessKeyStatus>(reader.GetString(2)), ReadTime(reader, 3),
            (byte[])reader.GetValue(4), ReadOptionalString(reader, 5));

    private static KmsAlias ReadAlias(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadTime(reader, 4));

    private static KmsKey ReadKey(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        AccountId: reader.GetString(1),
        RegionId: reader.GetString(2),
        KeySpec: reader.GetString(3),
        KeyUsage: reader.GetString(4),
        Origin: reader.GetString(5),
        ProtectionLevel: reader.GetString(6),
        Description: reader.GetString(7),
        State: Enum.Parse<KeyState>(reader.GetString(8)),
        Creator: reader.GetString(9),
        IsServiceKey: reader.GetBoolean(10),
        CreationDate: ReadTime(reader, 11),
        DeleteDate: ReadOptionalTime(reader, 12),
        PrimaryKeyVersion: reader.GetString(13),
        AutomaticRotation: reader.GetBoolean(14),
        RotationIntervalSeconds: reader.IsDBNull(15) ? null : reader.GetInt64(15),
        DeletionProtection: reader.GetBoolean(16),
        DeletionProtectionDescription: reader.GetString(17))
    {
        MaterialExpireTime = ReadOptionalTime(reader, 18),
    };
}
