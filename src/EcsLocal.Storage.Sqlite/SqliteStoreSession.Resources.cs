using EcsLocal.Application.Storage;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using Microsoft.Data.Sqlite;
using static EcsLocal.Storage.Sqlite.SqliteCommands;

namespace EcsLocal.Storage.Sqlite;

/// <summary>Disks, snapshots, their tags and ClientTokens.</summary>
internal sealed partial class SqliteStoreSession
{
    private const string DiskKind = "disk";
    private const string SnapshotKind = "snapshot";

    private const string DiskColumns =
        "disk_id, account_id, region_id, zone_id, category, performance_level, size, name, description, status, creation_time, ready_at, " +
        "encrypted, kms_key_id, key_reason, source_snapshot_id, disk_type, instance_id, delete_with_instance, data_key";

    private const string SnapshotColumns =
        "snapshot_id, account_id, region_id, name, description, status, creation_time, ready_at, source_disk_id, source_disk_size, " +
        "source_disk_type, source_disk_category, encrypted, kms_key_id, key_reason, source_region_id, source_snapshot_id, retention_days, data_key";

    // A disk in Creating whose ready time has passed counts as Available, even before the background update.
    private const string EffectiveDiskStatus = "CASE WHEN status = 'Creating' AND ready_at <= $now THEN 'Available' ELSE status END";
    private const string EffectiveSnapshotStatus = "CASE WHEN status = 'progressing' AND ready_at <= $now THEN 'accomplished' ELSE status END";

    public async Task<Disk?> GetDiskAsync(string diskId)
    {
        var disk = await _sql.SingleAsync($"SELECT {DiskColumns} FROM disks WHERE disk_id = $id", ReadDisk, ("$id", diskId));
        return disk is null ? null : disk with { Tags = await ReadTagsAsync(disk.Id) };
    }

    public async Task InsertDiskAsync(Disk disk)
    {
        await _sql.ExecuteAsync(
            $"""
            INSERT INTO disks ({DiskColumns}) VALUES ($id, $account, $region, $zone, $category, $level, $size, $name, $description, $status,
                $created, $ready, $encrypted, $key, $reason, $snapshot, $type, $instance, $deleteWithInstance, $dataKey)
            """,
            DiskParameters(disk));
        await InsertTagsAsync(disk.Id, disk.AccountId, disk.Tags);
        await AdjustCountAsync(disk.AccountId, disk.RegionId, DiskKind, 1);
    }

    public Task UpdateDiskAsync(Disk disk) =>
        _sql.ExecuteAsync(
            """
            UPDATE disks SET name = $name, description = $description, size = $size, status = $status, instance_id = $instance,
                delete_with_instance = $deleteWithInstance
            WHERE disk_id = $id
            """,
            DiskParameters(disk));

    public async Task DeleteDiskAsync(string diskId)
    {
        var disk = await _sql.SingleAsync("SELECT account_id, region_id FROM disks WHERE disk_id = $id",
            reader => new[] { reader.GetString(0), reader.GetString(1) }, ("$id", diskId));
        await _sql.ExecuteAsync("DELETE FROM resource_tags WHERE resource_id = $id", ("$id", diskId));
        await _sql.ExecuteAsync("DELETE FROM disks WHERE disk_id = $id", ("$id", diskId));
        if (disk is not null)
        {
            await AdjustCountAsync(disk[0], disk[1], DiskKind, -1);
        }
    }

    public async Task<ResourcePage<Disk>> ListDisksAsync(DiskQuery query)
    {
        var filter = new SqlFilter()
            .Require("account_id = $account AND region_id = $region", ("$account", query.AccountId), ("$region", query.RegionId), ("$now", Time(query.Now)))
            .In("disk_id", query.DiskIds)
            .Equal("instance_id", query.InstanceId)
            .Equal("zone_id", query.ZoneId)
            .Equal("category", query.Category)
            .Equal(EffectiveDiskStatus, query.Status)
            .Equal("encrypted", query.Encrypted)
            .Equal("kms_key_id", query.KmsKeyId)
            .Equal("disk_type", query.DiskType)
            .Equal("name", query.DiskName)
            .Equal("source_snapshot_id", query.SnapshotId)
            .Tags("disks.disk_id", query.Tags);
        var unfiltered = query is
        {
            DiskIds: null, InstanceId: null, ZoneId: null, Category: null, Status: null, Encrypted: null, KmsKeyId: null,
            DiskType: null, DiskName: null, SnapshotId: null, Tags: null
        };
        var total = unfiltered
            ? await CountAsync(query.AccountId, query.RegionId, DiskKind)
            : await _sql.ScalarAsync($"SELECT COUNT(*) FROM disks WHERE {filter.Where}", [.. filter.Parameters]);
        filter.After("disk_id", query.After);
        var items = await _sql.QueryAsync(
            $"SELECT {DiskColumns} FROM disks WHERE {filter.Where} ORDER BY creation_time, disk_id LIMIT {filter.Add(query.Limit)} OFFSET {filter.Add(query.Offset)}",
            ReadDisk, [.. filter.Parameters]);
        var tags = await ReadTagsAsync(items.Select(disk => disk.Id).ToList());
        var disks = items.Select(disk => disk with { Tags = tags.GetValueOrDefault(disk.Id, []) }).ToList();
        return new ResourcePage<Disk>(disks, (int)total, disks.Count == 0 ? null : new ResourceCursor(disks[^1].CreationTime, disks[^1].Id));
    }

    public async Task<Snapshot?> GetSnapshotAsync(string snapshotId)
    {
        var snapshot = await _sql.SingleAsync($"SELECT {SnapshotColumns} FROM snapshots WHERE snapshot_id = $id", ReadSnapshot, ("$id", snapshotId));
        return snapshot is null ? null : snapshot with { Tags = await ReadTagsAsync(snapshot.Id) };
    }

    public async Task InsertSnapshotAsync(Snapshot snapshot)
    {
        await _sql.ExecuteAsync(
            $"""
            INSERT INTO snapshots ({SnapshotColumns}) VALUES ($id, $account, $region, $name, $description, $status, $created, $ready, $disk,
                $diskSize, $diskType, $diskCategory, $encrypted, $key, $reason, $sourceRegion, $sourceSnapshot, $retention, $dataKey)
            """,
            SnapshotParameters(snapshot));
        await InsertTagsAsync(snapshot.Id, snapshot.AccountId, snapshot.Tags);
        await AdjustCountAsync(snapshot.AccountId, snapshot.RegionId, SnapshotKind, 1);
    }

    public Task UpdateSnapshotAsync(Snapshot snapshot) =>
        _sql.ExecuteAsync(
            "UPDATE snapshots SET name = $name, description = $description, retention_days = $retention, status = $status WHERE snapshot_id = $id",
            SnapshotParameters(snapshot));

    public async Task DeleteSnapshotAsync(string snapshotId)
    {
        var snapshot = await _sql.SingleAsync("SELECT account_id, region_id FROM snapshots WHERE snapshot_id = $id",
            reader => new[] { reader.GetString(0), reader.GetString(1) }, ("$id", snapshotId));
        if (snapshot is not null)
        {
            await AdjustCountAsync(snapshot[0], snapshot[1], SnapshotKind, -1);
        }

        await _sql.ExecuteAsync("DELETE FROM snapshot_shares WHERE snapshot_id = $id", ("$id", snapshotId));
        await _sql.ExecuteAsync("DELETE FROM resource_tags WHERE resource_id = $id", ("$id", snapshotId));
        await _sql.ExecuteAsync("DELETE FROM snapshots WHERE snapshot_id = $id", ("$id", snapshotId));
    }

    public async Task<ResourcePage<Snapshot>> ListSnapshotsAsync(SnapshotQuery query)
    {
        var filter = new SqlFilter()
            .Require("account_id = $account AND region_id = $region", ("$account", query.AccountId), ("$region", query.RegionId), ("$now", Time(query.Now)))
            .In("snapshot_id", query.SnapshotIds)
            .Equal("source_disk_id", query.DiskId)
            .Equal(EffectiveSnapshotStatus, query.Status)
            .Equal("encrypted", query.Encrypted)
            .Equal("kms_key_id", query.KmsKeyId)
            .Equal("name", query.SnapshotName)
            .Equal("source_disk_type", query.SourceDiskType)
            .Tags("snapshots.snapshot_id", query.Tags);
        var unfiltered = query is
        {
            SnapshotIds: null, DiskId: null, Status: null, Encrypted: null, KmsKeyId: null, SnapshotName: null,
            SourceDiskType: null, Tags: null
        };
        var total = unfiltered
            ? await CountAsync(query.AccountId, query.RegionId, SnapshotKind)
            : await _sql.ScalarAsync($"SELECT COUNT(*) FROM snapshots WHERE {filter.Where}", [.. filter.Parameters]);
        filter.After("snapshot_id", query.After);
        var items = await _sql.QueryAsync(
            $"SELECT {SnapshotColumns} FROM snapshots WHERE {filter.Where} ORDER BY creation_time, snapshot_id LIMIT {filter.Add(query.Limit)} OFFSET {filter.Add(query.Offset)}",
            ReadSnapshot, [.. filter.Parameters]);
        var tags = await ReadTagsAsync(items.Select(snapshot => snapshot.Id).ToList());
        var snapshots = items.Select(snapshot => snapshot with { Tags = tags.GetValueOrDefault(snapshot.Id, []) }).ToList();
        return new ResourcePage<Snapshot>(snapshots, (int)total,
            snapshots.Count == 0 ? null : new ResourceCursor(snapshots[^1].CreationTime, snapshots[^1].Id));
    }

    public async Task<bool> IsSnapshotSharedWithAsync(string snapshotId, string accountId) =>
        await _sql.ScalarAsync("SELECT COUNT(*) FROM snapshot_shares WHERE snapshot_id = $id AND account_id = $account",
            ("$id", snapshotId), ("$account", accountId)) > 0;

    public Task SetSnapshotShareAsync(string snapshotId, string accountId, bool shared, DateTimeOffset at) =>
        shared
            ? _sql.ExecuteAsync("INSERT OR IGNORE INTO snapshot_shares (snapshot_id, account_id, shared_at) VALUES ($id, $account, $at)",
                ("$id", snapshotId), ("$account", accountId), ("$at", Time(at)))
            : _sql.ExecuteAsync("DELETE FROM snapshot_shares WHERE snapshot_id = $id AND account_id = $account", ("$id", snapshotId), ("$account", accountId));

    public async Task<IReadOnlyList<string>> ListSnapshotSharesAsync(string snapshotId) =>
        await _sql.QueryAsync("SELECT account_id FROM snapshot_shares WHERE snapshot_id = $id ORDER BY account_id", reader => reader.GetString(0),
            ("$id", snapshotId));

    public Task<ClientTokenRecord?> GetClientTokenAsync(string accountId, string action, string token) =>
        _sql.SingleAsync(
            "SELECT account_id, action, token, fingerprint, resource_id, created_at FROM client_tokens WHERE account_id = $account AND action = $action AND token = $token",
            reader => new ClientTokenRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ReadTime(reader, 5)),
            ("$account", accountId), ("$action", action), ("$token", token));

    public Task InsertClientTokenAsync(ClientTokenRecord record) =>
        _sql.ExecuteAsync(
            "INSERT INTO client_tokens (account_id, action, token, fingerprint, resource_id, created_at) VALUES ($account, $action, $token, $fingerprint, $resource, $created)",
            ("$account", record.AccountId), ("$action", record.Action), ("$token", record.Token), ("$fingerprint", record.Fingerprint),
            ("$resource", record.ResourceId), ("$created", Time(record.CreatedAt)));

    public async Task<int> CompleteDueTransitionsAsync(DateTimeOffset now)
    {
        var disks = await _sql.ExecuteAsync("UPDATE disks SET status = 'Available' WHERE status = 'Creating' AND ready_at <= $now", ("$now", Time(now)));
        var snapshots = await _sql.ExecuteAsync(
            "UPDATE snapshots SET status = 'accomplished' WHERE status = 'progressing' AND ready_at <= $now", ("$now", Time(now)));
        var images = await _sql.ExecuteAsync("UPDATE images SET status = 'Available' WHERE status = 'Creating' AND ready_at <= $now", ("$now", Time(now)));
        var instances = await _sql.ExecuteAsync(
            "UPDATE instances SET status = 'Running' WHERE status = 'Pending' AND ready_at <= $now", ("$now", Time(now)));
        return disks + snapshots + images + instances;
    }

    /// <summary>
    /// Keeps the number of disks and snapshots of each account and region, so an unfiltered listing reads its TotalCount
    /// without counting rows. An account with a million disks then lists as fast as one with a thousand.
    /// </summary>
    private Task AdjustCountAsync(string accountId, string regionId, string kind, int delta) =>
        _sql.ExecuteAsync(
            """
            INSERT INTO resource_counts (account_id, region_id, kind, count) VALUES ($account, $region, $kind, $delta)
            ON CONFLICT (account_id, region_id, kind) DO UPDATE SET count = count + excluded.count
            """,
            ("$account", accountId), ("$region", regionId), ("$kind", kind), ("$delta", delta));

    private Task<long> CountAsync(string accountId, string regionId, string kind) =>
        _sql.ScalarAsync("SELECT COALESCE(MAX(count), 0) FROM resource_counts WHERE account_id = $account AND region_id = $region AND kind = $kind",
            ("$account", accountId), ("$region", regionId), ("$kind", kind));

    private async Task InsertTagsAsync(string resourceId, string accountId, IReadOnlyList<ResourceTag> tags)
    {
        foreach (var tag in tags)
        {
            await _sql.ExecuteAsync(
                "INSERT INTO resource_tags (resource_id, account_id, tag_key, tag_value) VALUES ($id, $account, $key, $value)",
                ("$id", resourceId), ("$account", accountId), ("$key", tag.Key), ("$value", tag.Value));
        }
    }

    private async Task<IReadOnlyList<ResourceTag>> ReadTagsAsync(string resourceId) =>
        (await ReadTagsAsync([resourceId])).GetValueOrDefault(resourceId, []);

    private async Task<Dictionary<string, IReadOnlyList<ResourceTag>>> ReadTagsAsync(IReadOnlyList<string> resourceIds)
    {
        if (resourceIds.Count == 0)
        {
            return [];
        }

        var filter = new SqlFilter().In("resource_id", resourceIds);
        var rows = await _sql.QueryAsync(
            $"SELECT resource_id, tag_key, tag_value FROM resource_tags WHERE {filter.Where} ORDER BY resource_id, tag_key",
            reader => (Id: reader.GetString(0), Tag: new ResourceTag(reader.GetString(1), reader.GetString(2))), [.. filter.Parameters]);
        return rows.GroupBy(row => row.Id).ToDictionary(group => group.Key, group => (IReadOnlyList<ResourceTag>)group.Select(row => row.Tag).ToList());
    }

    private static (string, object?)[] DiskParameters(Disk disk) =>
    [
        ("$id", disk.Id), ("$account", disk.AccountId), ("$region", disk.RegionId), ("$zone", disk.ZoneId), ("$category", disk.Category),
        ("$level", disk.PerformanceLevel), ("$size", disk.Size), ("$name", disk.Name), ("$description", disk.Description), ("$status", disk.Status),
        ("$created", Time(disk.CreationTime)), ("$ready", Time(disk.ReadyAt)), ("$encrypted", disk.Encrypted), ("$key", disk.KmsKeyId),
        ("$reason", disk.KeyReason?.ToString()), ("$snapshot", disk.SourceSnapshotId), ("$type", disk.Type), ("$instance", disk.InstanceId),
        ("$deleteWithInstance", disk.DeleteWithInstance), ("$dataKey", disk.DataKey),
    ];

    private static (string, object?)[] SnapshotParameters(Snapshot snapshot) =>
    [
        ("$id", snapshot.Id), ("$account", snapshot.AccountId), ("$region", snapshot.RegionId), ("$name", snapshot.Name),
        ("$description", snapshot.Description), ("$status", snapshot.Status), ("$created", Time(snapshot.CreationTime)),
        ("$ready", Time(snapshot.ReadyAt)), ("$disk", snapshot.SourceDiskId), ("$diskSize", snapshot.SourceDiskSize),
        ("$diskType", snapshot.SourceDiskType), ("$diskCategory", snapshot.SourceDiskCategory), ("$encrypted", snapshot.Encrypted),
        ("$key", snapshot.KmsKeyId), ("$reason", snapshot.KeyReason?.ToString()), ("$sourceRegion", snapshot.SourceRegionId),
        ("$sourceSnapshot", snapshot.SourceSnapshotId), ("$retention", snapshot.RetentionDays),
        ("$dataKey", snapshot.DataKey),
    ];

    private static Disk ReadDisk(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        AccountId: reader.GetString(1),
        RegionId: reader.GetString(2),
        ZoneId: reader.GetString(3),
        Category: reader.GetString(4),
        PerformanceLevel: ReadOptionalString(reader, 5),
        Size: reader.GetInt32(6),
        Name: reader.GetString(7),
        Description: reader.GetString(8),
        Status: reader.GetString(9),
        CreationTime: ReadTime(reader, 10),
        ReadyAt: ReadTime(reader, 11),
        Encrypted: reader.GetBoolean(12),
        KmsKeyId: ReadOptionalString(reader, 13),
        KeyReason: ReadReason(reader, 14),
        SourceSnapshotId: ReadOptionalString(reader, 15),
        Type: reader.GetString(16),
        InstanceId: ReadOptionalString(reader, 17),
        DeleteWithInstance: reader.GetBoolean(18),
        Tags: [],
        DataKey: ReadOptionalString(reader, 19));

    private static Snapshot ReadSnapshot(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        AccountId: reader.GetString(1),
        RegionId: reader.GetString(2),
        Name: reader.GetString(3),
        Description: reader.GetString(4),
        Status: reader.GetString(5),
        CreationTime: ReadTime(reader, 6),
        ReadyAt: ReadTime(reader, 7),
        SourceDiskId: reader.GetString(8),
        SourceDiskSize: reader.GetInt32(9),
        SourceDiskType: reader.GetString(10),
        SourceDiskCategory: reader.GetString(11),
        Encrypted: reader.GetBoolean(12),
        KmsKeyId: ReadOptionalString(reader, 13),
        KeyReason: ReadReason(reader, 14),
        SourceRegionId: ReadOptionalString(reader, 15),
        SourceSnapshotId: ReadOptionalString(reader, 16),
        RetentionDays: reader.IsDBNull(17) ? null : reader.GetInt32(17),
        Tags: [],
        DataKey: ReadOptionalString(reader, 18));

    private static KeyReason? ReadReason(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Enum.Parse<KeyReason>(reader.GetString(ordinal));
}
