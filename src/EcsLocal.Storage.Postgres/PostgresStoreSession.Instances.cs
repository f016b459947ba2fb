using EcsLocal.Application.Storage;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Instances;
using Npgsql;
using static EcsLocal.Storage.Postgres.PostgresCommands;

namespace EcsLocal.Storage.Postgres;

/// <summary>Instances and the disks attached to them.</summary>
internal sealed partial class PostgresStoreSession
{
    private const string InstanceColumns =
        "instance_id, account_id, region_id, zone_id, instance_type, image_id, name, description, status, creation_time, ready_at";

    private const string EffectiveInstanceStatus = "CASE WHEN status = 'Pending' AND ready_at <= @now THEN 'Running' ELSE status END";

    public async Task<Instance?> GetInstanceAsync(string instanceId)
    {
        var instance = await _sql.SingleAsync($"SELECT {InstanceColumns} FROM instances WHERE instance_id = @id", ReadInstance, ("@id", instanceId));
        return instance is null ? null : instance with { Tags = await ReadTagsAsync(instance.Id) };
    }

    public async Task InsertInstanceAsync(Instance instance)
    {
        await _sql.ExecuteAsync(
            $"""
            INSERT INTO instances ({InstanceColumns}) VALUES (@id, @account, @region, @zone, @type, @image, @name, @description, @status,
                @created, @ready)
            """,
            InstanceParameters(instance));
        await InsertTagsAsync(instance.Id, instance.AccountId, instance.Tags);
    }

    public Task UpdateInstanceAsync(Instance instance) =>
        _sql.ExecuteAsync("UPDATE instances SET name = @name, description = @description, status = @status WHERE instance_id = @id",
            InstanceParameters(instance));

    public async Task DeleteInstanceAsync(string instanceId)
    {
        await _sql.ExecuteAsync("DELETE FROM resource_tags WHERE resource_id = @id", ("@id", instanceId));
        await _sql.ExecuteAsync("DELETE FROM instances WHERE instance_id = @id", ("@id", instanceId));
    }

    public async Task<ResourcePage<Instance>> ListInstancesAsync(InstanceQuery query)
    {
        var filter = new PostgresFilter()
            .Require("account_id = @account AND region_id = @region", ("@account", query.AccountId), ("@region", query.RegionId), ("@now", Time(query.Now)))
            .In("instance_id", query.InstanceIds)
            .Equal("zone_id", query.ZoneId)
            .Equal(EffectiveInstanceStatus, query.Status)
            .Equal("name", query.InstanceName)
            .Equal("image_id", query.ImageId)
            .Tags("instances.instance_id", query.Tags);
        var total = await _sql.ScalarAsync($"SELECT COUNT(*) FROM instances WHERE {filter.Where}", [.. filter.Parameters]);
        filter.After("instance_id", query.After);
        var items = await _sql.QueryAsync(
            $"SELECT {InstanceColumns} FROM instances WHERE {filter.Where} ORDER BY creation_time, instance_id LIMIT {filter.Add(query.Limit)} OFFSET {filter.Add(query.Offset)}",
            ReadInstance, [.. filter.Parameters]);
        var tags = await ReadTagsAsync(items.Select(instance => instance.Id).ToList());
        var instances = items.Select(instance => instance with { Tags = tags.GetValueOrDefault(instance.Id, []) }).ToList();
        return new ResourcePage<Instance>(instances, (int)total,
            instances.Count == 0 ? null : new ResourceCursor(instances[^1].CreationTime, instances[^1].Id));
    }

    public async Task<IReadOnlyList<Disk>> ListInstanceDisksAsync(string instanceId)
    {
        var disks = await _sql.QueryAsync(
            $"SELECT {DiskColumns} FROM disks WHERE instance_id = @instance ORDER BY CASE disk_type WHEN 'system' THEN 0 ELSE 1 END, creation_time, disk_id",
            ReadDisk, ("@instance", instanceId));
        var tags = await ReadTagsAsync(disks.Select(disk => disk.Id).ToList());
        return disks.Select(disk => disk with { Tags = tags.GetValueOrDefault(disk.Id, []) }).ToList();
    }

    private static (string, object?)[] InstanceParameters(Instance instance) =>
    [
        ("@id", instance.Id), ("@account", instance.AccountId), ("@region", instance.RegionId), ("@zone", instance.ZoneId),
        ("@type", instance.InstanceType), ("@image", instance.ImageId), ("@name", instance.Name), ("@description", instance.Description),
        ("@status", instance.Status), ("@created", Time(instance.CreationTime)), ("@ready", Time(instance.ReadyAt)),
    ];

    private static Instance ReadInstance(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        AccountId: reader.GetString(1),
        RegionId: reader.GetString(2),
        ZoneId: reader.GetString(3),
        InstanceType: reader.GetString(4),
        ImageId: reader.GetString(5),
        Name: reader.GetString(6),
        Description: reader.GetString(7),
        Status: reader.GetString(8),
        CreationTime: ReadTime(reader, 9),
        ReadyAt: ReadTime(reader, 10),
        Tags: []);
}
