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
        """
        CREATE TABLE disks (
            disk_id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            region_id TEXT NOT NULL,
            zone_id TEXT NOT NULL,
            category TEXT NOT NULL,
            performance_level TEXT,
            size INTEGER NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            status TEXT NOT NULL,
            creation_time INTEGER NOT NULL,
            ready_at INTEGER NOT NULL,
            encrypted INTEGER NOT NULL,
            kms_key_id TEXT,
            key_reason TEXT,
            source_snapshot_id TEXT,
            disk_type TEXT NOT NULL,
            instance_id TEXT,
            delete_with_instance INTEGER NOT NULL
        );
        CREATE INDEX disks_by_account ON disks (account_id, region_id, creation_time, disk_id);
        CREATE INDEX disks_creating ON disks (ready_at) WHERE status = 'Creating';
        CREATE TABLE snapshots (
            snapshot_id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            region_id TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            status TEXT NOT NULL,
            creation_time INTEGER NOT NULL,
            ready_at INTEGER NOT NULL,
            source_disk_id TEXT NOT NULL,
            source_disk_size INTEGER NOT NULL,
            source_disk_type TEXT NOT NULL,
            source_disk_category TEXT NOT NULL,
            encrypted INTEGER NOT NULL,
            kms_key_id TEXT,
            key_reason TEXT,
            source_region_id TEXT,
            source_snapshot_id TEXT,
            retention_days INTEGER
        );
        CREATE INDEX snapshots_by_account ON snapshots (account_id, region_id, creation_time, snapshot_id);
        CREATE INDEX snapshots_by_disk ON snapshots (source_disk_id);
        CREATE INDEX snapshots_progressing ON snapshots (ready_at) WHERE status = 'progressing';
        CREATE TABLE resource_tags (
            resource_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            tag_key TEXT NOT NULL,
            tag_value TEXT NOT NULL,
            PRIMARY KEY (resource_id, tag_key)
        );
        CREATE INDEX resource_tags_by_key ON resource_tags (account_id, tag_key, tag_value);
        CREATE TABLE client_tokens (
            account_id TEXT NOT NULL,
            action TEXT NOT NULL,
            token TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, action, token)
        );
        """,
        """
        CREATE TABLE images (
            image_id TEXT NOT NULL,
            region_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            owner_alias TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            status TEXT NOT NULL,
            creation_time INTEGER NOT NULL,
            ready_at INTEGER NOT NULL,
            platform TEXT NOT NULL,
            os_type TEXT NOT NULL,
            os_name TEXT NOT NULL,
            architecture TEXT NOT NULL,
            is_public INTEGER NOT NULL,
            source_image_id TEXT,
            source_region_id TEXT,
            mappings TEXT NOT NULL,
            PRIMARY KEY (region_id, image_id)
        );
        CREATE INDEX images_by_owner ON images (account_id, region_id, creation_time, image_id);
        CREATE INDEX images_by_alias ON images (region_id, owner_alias, creation_time, image_id);
        CREATE INDEX images_creating ON images (ready_at) WHERE status = 'Creating';
        CREATE TABLE image_shares (
            region_id TEXT NOT NULL,
            image_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            shared_at INTEGER NOT NULL,
            PRIMARY KEY (region_id, image_id, account_id)
        );
        CREATE INDEX image_shares_by_account ON image_shares (account_id, region_id);
        """,
        """
        CREATE TABLE instances (
            instance_id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts (id),
            region_id TEXT NOT NULL,
            zone_id TEXT NOT NULL,
            instance_type TEXT NOT NULL,
            image_id TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            status TEXT NOT NULL,
            creation_time INTEGER NOT NULL,
            ready_at INTEGER NOT NULL
        );
        CREATE INDEX instances_by_account ON instances (account_id, region_id, creation_time, instance_id);
        CREATE INDEX instances_pending ON instances (ready_at) WHERE status = 'Pending';
        CREATE INDEX disks_by_instance ON disks (instance_id) WHERE instance_id IS NOT NULL;
        """,
        """
        CREATE TABLE snapshot_shares (
            snapshot_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            shared_at INTEGER NOT NULL,
            PRIMARY KEY (snapshot_id, account_id)
        );
        """,
        """
        CREATE TABLE resource_counts (
            account_id TEXT NOT NULL,
            region_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (account_id, region_id, kind)
        );
        INSERT INTO resource_counts (account_id, region_id, kind, count)
            SELECT account_id, region_id, 'disk', COUNT(*) FROM disks GROUP BY account_id, region_id;
        INSERT INTO resource_counts (account_id, region_id, kind, count)
            SELECT account_id, region_id, 'snapshot', COUNT(*) FROM snapshots GROUP BY account_id, region_id;
        """,
        """
        CREATE TABLE kms_key_versions (
            account_id TEXT NOT NULL,
            region_id TEXT NOT NULL,
            key_id TEXT NOT NULL,
            version_id TEXT NOT NULL,
            creation_date INTEGER NOT NULL,
            protected_material BLOB NOT NULL,
            PRIMARY KEY (account_id, region_id, key_id, version_id)
        );
        """,
        """
        ALTER TABLE kms_keys ADD COLUMN material_expire_time INTEGER;
        CREATE TABLE kms_import_tokens (
            token TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            region_id TEXT NOT NULL,
            key_id TEXT NOT NULL,
            wrapping_algorithm TEXT NOT NULL,
            protected_private_key BLOB NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """,
        """
        ALTER TABLE disks ADD COLUMN data_key TEXT;
        ALTER TABLE snapshots ADD COLUMN data_key TEXT;
        """,
        """
        ALTER TABLE access_keys ADD COLUMN user_name TEXT;
        ALTER TABLE account_roles ADD COLUMN role_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE account_roles ADD COLUMN description TEXT NOT NULL DEFAULT '';
        ALTER TABLE account_roles ADD COLUMN trust_policy TEXT NOT NULL DEFAULT '';
        ALTER TABLE account_roles ADD COLUMN max_session_duration INTEGER NOT NULL DEFAULT 3600;
        ALTER TABLE account_roles ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
        UPDATE account_roles SET
            role_id = CAST(1000000000000000 + abs(random() % 9000000000000000) AS TEXT),
            description = 'ECS will use this role to access your resources in other services.',
            trust_policy = '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}',
            created_at = (SELECT created_at FROM accounts WHERE accounts.id = account_roles.account_id);
        CREATE TABLE ram_users (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            user_name TEXT NOT NULL,
            user_id TEXT NOT NULL,
            display_name TEXT NOT NULL,
            comments TEXT NOT NULL,
            create_date INTEGER NOT NULL,
            update_date INTEGER NOT NULL,
            PRIMARY KEY (account_id, user_name)
        );
        CREATE TABLE ram_policies (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            policy_name TEXT NOT NULL,
            description TEXT NOT NULL,
            document TEXT NOT NULL,
            create_date INTEGER NOT NULL,
            update_date INTEGER NOT NULL,
            PRIMARY KEY (account_id, policy_name)
        );
        CREATE TABLE ram_user_policies (
            account_id TEXT NOT NULL REFERENCES accounts (id),
            user_name TEXT NOT NULL,
            policy_type TEXT NOT NULL,
            policy_name TEXT NOT NULL,
            attach_date INTEGER NOT NULL,
            PRIMARY KEY (account_id, user_name, policy_type, policy_name)
        );
        CREATE INDEX ram_user_policies_by_policy ON ram_user_policies (account_id, policy_type, policy_name);
        """,
    ];
}
