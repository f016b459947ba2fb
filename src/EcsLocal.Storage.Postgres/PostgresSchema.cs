namespace EcsLocal.Storage.Postgres;

/// <summary>
/// The schema as an ordered list of migrations. Migration N brings the schema from version N-1 to N; a shipped
/// migration never changes, later changes are new migrations. Times are Unix milliseconds in UTC. Ids and names
/// that listings sort or page by use the "C" collation, so that order and NextToken comparisons are by code point
/// as in the SQLite store, whatever the database's default collation.
/// </summary>
internal static class PostgresSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE accounts (
            id text COLLATE "C" PRIMARY KEY,
            created_at bigint NOT NULL,
            default_encryption_allowed boolean NOT NULL
        );
        CREATE TABLE access_keys (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES accounts (id),
            status text NOT NULL,
            created_at bigint NOT NULL,
            protected_secret bytea NOT NULL
        );
        CREATE INDEX access_keys_by_account ON access_keys (account_id);
        CREATE TABLE account_roles (
            account_id text NOT NULL REFERENCES accounts (id),
            role_name text COLLATE "C" NOT NULL,
            PRIMARY KEY (account_id, role_name)
        );
        CREATE TABLE regions_without_default_encryption (
            region_id text COLLATE "C" PRIMARY KEY
        );
        CREATE TABLE kms_activations (
            account_id text NOT NULL REFERENCES accounts (id),
            region_id text NOT NULL,
            activated_at bigint NOT NULL,
            PRIMARY KEY (account_id, region_id)
        );
        CREATE TABLE region_encryption (
            account_id text NOT NULL REFERENCES accounts (id),
            region_id text NOT NULL,
            enabled boolean NOT NULL,
            default_key_id text,
            PRIMARY KEY (account_id, region_id)
        );
        CREATE TABLE kms_keys (
            account_id text NOT NULL REFERENCES accounts (id),
            region_id text NOT NULL,
            key_id text COLLATE "C" NOT NULL,
            key_spec text NOT NULL,
            key_usage text NOT NULL,
            origin text NOT NULL,
            protection_level text NOT NULL,
            description text NOT NULL,
            state text NOT NULL,
            creator text NOT NULL,
            is_service_key boolean NOT NULL,
            creation_date bigint NOT NULL,
            delete_date bigint,
            primary_key_version text NOT NULL,
            automatic_rotation boolean NOT NULL,
            rotation_interval_seconds bigint,
            deletion_protection boolean NOT NULL,
            deletion_protection_description text NOT NULL,
            PRIMARY KEY (account_id, region_id, key_id)
        );
        CREATE INDEX kms_keys_by_creation ON kms_keys (account_id, region_id, creation_date, key_id);
        CREATE INDEX kms_keys_pending_deletion ON kms_keys (account_id, region_id, delete_date) WHERE state = 'PendingDeletion';
        CREATE TABLE kms_aliases (
            account_id text NOT NULL,
            region_id text NOT NULL,
            alias_name text COLLATE "C" NOT NULL,
            key_id text COLLATE "C" NOT NULL,
            created_at bigint NOT NULL,
            PRIMARY KEY (account_id, region_id, alias_name)
        );
        CREATE INDEX kms_aliases_by_key ON kms_aliases (account_id, region_id, key_id);
        CREATE TABLE signature_nonces (
            access_key_id text NOT NULL,
            nonce text NOT NULL,
            expires_at bigint NOT NULL,
            PRIMARY KEY (access_key_id, nonce)
        );
        CREATE INDEX signature_nonces_by_expiry ON signature_nonces (expires_at);
        CREATE TABLE disks (
            disk_id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES accounts (id),
            region_id text NOT NULL,
            zone_id text NOT NULL,
            category text NOT NULL,
            performance_level text,
            size integer NOT NULL,
            name text NOT NULL,
            description text NOT NULL,
            status text NOT NULL,
            creation_time bigint NOT NULL,
            ready_at bigint NOT NULL,
            encrypted boolean NOT NULL,
            kms_key_id text,
            key_reason text,
            source_snapshot_id text,
            disk_type text NOT NULL,
            instance_id text,
            delete_with_instance boolean NOT NULL
        );
        CREATE INDEX disks_by_account ON disks (account_id, region_id, creation_time, disk_id);
        CREATE INDEX disks_creating ON disks (ready_at) WHERE status = 'Creating';
        CREATE INDEX disks_by_instance ON disks (instance_id) WHERE instance_id IS NOT NULL;
        CREATE TABLE snapshots (
            snapshot_id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES accounts (id),
            region_id text NOT NULL,
            name text NOT NULL,
            description text NOT NULL,
            status text NOT NULL,
            creation_time bigint NOT NULL,
            ready_at bigint NOT NULL,
            source_disk_id text NOT NULL,
            source_disk_size integer NOT NULL,
            source_disk_type text NOT NULL,
            source_disk_category text NOT NULL,
            encrypted boolean NOT NULL,
            kms_key_id text,
            key_reason text,
            source_region_id text,
            source_snapshot_id text,
            retention_days integer
        );
        CREATE INDEX snapshots_by_account ON snapshots (account_id, region_id, creation_time, snapshot_id);
        CREATE INDEX snapshots_by_disk ON snapshots (source_disk_id);
        CREATE INDEX snapshots_progressing ON snapshots (ready_at) WHERE status = 'progressing';
        CREATE TABLE resource_tags (
            resource_id text COLLATE "C" NOT NULL,
            account_id text NOT NULL,
            tag_key text COLLATE "C" NOT NULL,
            tag_value text NOT NULL,
            PRIMARY KEY (resource_id, tag_key)
        );
        CREATE INDEX resource_tags_by_key ON resource_tags (account_id, tag_key, tag_value);
        CREATE TABLE client_tokens (
            account_id text NOT NULL,
            action text NOT NULL,
            token text NOT NULL,
            fingerprint text NOT NULL,
            resource_id text NOT NULL,
            created_at bigint NOT NULL,
            PRIMARY KEY (account_id, action, token)
        );
        CREATE TABLE images (
            image_id text COLLATE "C" NOT NULL,
            region_id text NOT NULL,
            account_id text NOT NULL,
            owner_alias text NOT NULL,
            name text NOT NULL,
            description text NOT NULL,
            status text NOT NULL,
            creation_time bigint NOT NULL,
            ready_at bigint NOT NULL,
            platform text NOT NULL,
            os_type text NOT NULL,
            os_name text NOT NULL,
            architecture text NOT NULL,
            is_public boolean NOT NULL,
            source_image_id text,
            source_region_id text,
            mappings jsonb NOT NULL,
            PRIMARY KEY (region_id, image_id)
        );
        CREATE INDEX images_by_owner ON images (account_id, region_id, creation_time, image_id);
        CREATE INDEX images_by_alias ON images (region_id, owner_alias, creation_time, image_id);
        CREATE INDEX images_creating ON images (ready_at) WHERE status = 'Creating';
        CREATE TABLE image_shares (
            region_id text NOT NULL,
            image_id text COLLATE "C" NOT NULL,
            account_id text COLLATE "C" NOT NULL,
            shared_at bigint NOT NULL,
            PRIMARY KEY (region_id, image_id, account_id)
        );
        CREATE INDEX image_shares_by_account ON image_shares (account_id, region_id);
        CREATE TABLE instances (
            instance_id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES accounts (id),
            region_id text NOT NULL,
            zone_id text NOT NULL,
            instance_type text NOT NULL,
            image_id text NOT NULL,
            name text NOT NULL,
            description text NOT NULL,
            status text NOT NULL,
            creation_time bigint NOT NULL,
            ready_at bigint NOT NULL
        );
        CREATE INDEX instances_by_account ON instances (account_id, region_id, creation_time, instance_id);
        CREATE INDEX instances_pending ON instances (ready_at) WHERE status = 'Pending';
        CREATE TABLE snapshot_shares (
            snapshot_id text COLLATE "C" NOT NULL,
            account_id text COLLATE "C" NOT NULL,
            shared_at bigint NOT NULL,
            PRIMARY KEY (snapshot_id, account_id)
        );
        CREATE TABLE resource_counts (
            account_id text NOT NULL,
            region_id text NOT NULL,
            kind text NOT NULL,
            shard smallint NOT NULL,
            count bigint NOT NULL,
            PRIMARY KEY (account_id, region_id, kind, shard)
        );
        """,
        """
        ALTER TABLE kms_keys ADD COLUMN material_expire_time bigint;
        CREATE TABLE kms_key_versions (
            account_id text NOT NULL,
            region_id text NOT NULL,
            key_id text NOT NULL,
            version_id text COLLATE "C" NOT NULL,
            creation_date bigint NOT NULL,
            protected_material bytea NOT NULL,
            PRIMARY KEY (account_id, region_id, key_id, version_id)
        );
        CREATE TABLE kms_import_tokens (
            token text PRIMARY KEY,
            account_id text NOT NULL,
            region_id text NOT NULL,
            key_id text NOT NULL,
            wrapping_algorithm text NOT NULL,
            protected_private_key bytea NOT NULL,
            expires_at bigint NOT NULL
        );
        """,
        """
        ALTER TABLE disks ADD COLUMN data_key text;
        ALTER TABLE snapshots ADD COLUMN data_key text;
        """,
        """
        ALTER TABLE access_keys ADD COLUMN user_name text COLLATE "C";
        ALTER TABLE account_roles ADD COLUMN role_id text NOT NULL DEFAULT '';
        ALTER TABLE account_roles ADD COLUMN description text NOT NULL DEFAULT '';
        ALTER TABLE account_roles ADD COLUMN trust_policy text NOT NULL DEFAULT '';
        ALTER TABLE account_roles ADD COLUMN max_session_duration integer NOT NULL DEFAULT 3600;
        ALTER TABLE account_roles ADD COLUMN created_at bigint NOT NULL DEFAULT 0;
        UPDATE account_roles SET
            role_id = (1000000000000000 + floor(random() * 9000000000000000))::bigint::text,
            description = 'ECS will use this role to access your resources in other services.',
            trust_policy = '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}',
            created_at = (SELECT created_at FROM accounts WHERE accounts.id = account_roles.account_id);
        CREATE TABLE ram_users (
            account_id text NOT NULL REFERENCES accounts (id),
            user_name text COLLATE "C" NOT NULL,
            user_id text NOT NULL,
            display_name text NOT NULL,
            comments text NOT NULL,
            create_date bigint NOT NULL,
            update_date bigint NOT NULL,
            PRIMARY KEY (account_id, user_name)
        );
        CREATE TABLE ram_policies (
            account_id text NOT NULL REFERENCES accounts (id),
            policy_name text COLLATE "C" NOT NULL,
            description text NOT NULL,
            document text NOT NULL,
            create_date bigint NOT NULL,
            update_date bigint NOT NULL,
            PRIMARY KEY (account_id, policy_name)
        );
        CREATE TABLE ram_user_policies (
            account_id text NOT NULL REFERENCES accounts (id),
            user_name text COLLATE "C" NOT NULL,
            policy_type text NOT NULL,
            policy_name text COLLATE "C" NOT NULL,
            attach_date bigint NOT NULL,
            PRIMARY KEY (account_id, user_name, policy_type, policy_name)
        );
        CREATE INDEX ram_user_policies_by_policy ON ram_user_policies (account_id, policy_type, policy_name);
        """,
    ];
}
