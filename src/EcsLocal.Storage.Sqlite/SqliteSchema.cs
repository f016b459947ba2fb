namespace EcsLocal.Storage.Sqlite;

/// <summary>
/// The schema as an ordered list of migrations. Migration N brings the schema from version N-1 to N; a shipped
/// migration never changes, later changes are new migrations. Times are Unix milliseconds in UTC.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY,
            created_at INTEGER NOT NULL,
            default_encryption_allowed INTEGER NOT NULL
        );
        CREATE TABLE access_keys (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            protected_secret BLOB NOT NULL
        );
        CREATE INDEX access_keys_by_account ON access_keys (account_id);
        CREATE TABLE account_roles (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            role_name TEXT NOT NULL,
            PRIMARY KEY (account_id, role_name)
        );
        CREATE TABLE regions_without_default_encryption (
            region_id TEXT PRIMARY KEY
        );
        CREATE TABLE kms_activations (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            region_id TEXT NOT NULL,
            activated_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, region_id)
        );
        CREATE TABLE region_encryption (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            region_id TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            default_key_id TEXT,
            PRIMARY KEY (account_id, region_id)
        );
        CREATE TABLE kms_keys (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            region_id TEXT NOT NULL,
            key_id TEXT NOT NULL,
            key_spec TEXT NOT NULL,
            key_usage TEXT NOT NULL,
            origin TEXT NOT NULL,
            protection_level TEXT NOT NULL,
            description TEXT NOT NULL,
            state TEXT NOT NULL,
            creator TEXT NOT NULL,
            is_service_key INTEGER NOT NULL,
            creation_date INTEGER NOT NULL,
            delete_date INTEGER,
            primary_key_version TEXT NOT NULL,
            automatic_rotation INTEGER NOT NULL,
            rotation_interval_seconds INTEGER,
            deletion_protection INTEGER NOT NULL,
            deletion_protection_description TEXT NOT NULL,
            PRIMARY KEY (account_id, region_id, key_id)
        );
        CREATE INDEX kms_keys_by_creation ON kms_keys (account_id, region_id, creation_date, key_id);
        CREATE INDEX kms_keys_pending_deletion ON kms_keys (account_id, region_id, delete_date) WHERE state = 'PendingDeletion';
        CREATE TABLE kms_aliases (
            account_id TEXT NOT NULL,
            region_id TEXT NOT NULL,
            alias_name TEXT NOT NULL,
            key_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, region_id, alias_name)
        );
        CREATE INDEX kms_aliases_by_key ON kms_aliases (account_id, region_id, key_id);
        CREATE TABLE signature_nonces (
            access_key_id TEXT NOT NULL,
            nonce TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (access_key_id, nonce)
        );
        CREATE INDEX signature_nonces_by_expiry ON signature_nonces (expires_at);
        """,
    ];
}
