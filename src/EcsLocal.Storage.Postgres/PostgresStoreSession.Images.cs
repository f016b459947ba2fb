using System.Text.Json;
using EcsLocal.Application.Storage;
using EcsLocal.Domain.Images;
using Npgsql;
using static EcsLocal.Storage.Postgres.PostgresCommands;

namespace EcsLocal.Storage.Postgres;

/// <summary>Images and their shares. Disk mappings are stored as JSON with the image, because they are always read with it.</summary>
internal sealed partial class PostgresStoreSession
{
    private const string ImageColumns =
        "image_id, region_id, account_id, owner_alias, name, description, status, creation_time, ready_at, platform, os_type, os_name, " +
        "architecture, is_public, source_image_id, source_region_id, mappings";

    private const string EffectiveImageStatus = "CASE WHEN status = 'Creating' AND ready_at <= @now THEN 'Available' ELSE status END";

    public async Task<Image?> GetImageAsync(string regionId, string imageId)
    {
        var image = await _sql.SingleAsync($"SELECT {ImageColumns} FROM images WHERE region_id = @region AND image_id = @id", ReadImage,
            ("@region", regionId), ("@id", imageId));
        return image is null ? null : image with { Tags = await ReadTagsAsync(image.Id) };
    }

    public async Task InsertImageAsync(Image image)
    {
        await _sql.ExecuteAsync(
            $"""
            INSERT INTO images ({ImageColumns}) VALUES (@id, @region, @account, @alias, @name, @description, @status, @created, @ready, @platform,
                @osType, @osName, @architecture, @public, @sourceImage, @sourceRegion, @mappings::jsonb)
            """,
            ImageParameters(image));
        if (!image.IsSystem)
        {
            await InsertTagsAsync(image.Id, image.AccountId, image.Tags);
        }
    }

    public Task UpdateImageAsync(Image image) =>
        _sql.ExecuteAsync(
            "UPDATE images SET name = @name, description = @description, status = @status, is_public = @public WHERE region_id = @region AND image_id = @id",
            ImageParameters(image));

    public async Task DeleteImageAsync(string regionId, string imageId)
    {
        await _sql.ExecuteAsync("DELETE FROM image_shares WHERE region_id = @region AND image_id = @id", ("@region", regionId), ("@id", imageId));
        await _sql.ExecuteAsync("DELETE FROM resource_tags WHERE resource_id = @id", ("@id", imageId));
        await _sql.ExecuteAsync("DELETE FROM images WHERE region_id = @region AND image_id = @id", ("@region", regionId), ("@id", imageId));
    }

    public async Task<Page<Image>> ListImagesAsync(ImageQuery query)
    {
        var owners = new List<string>();
        if (query.IncludeSystem)
        {
            owners.Add("owner_alias = 'system'");
        }

        if (query.IncludeSelf)
        {
            owners.Add("account_id = @account");
        }

        if (query.IncludeShared)
        {
            owners.Add("image_id IN (SELECT s.image_id FROM image_shares s WHERE s.account_id = @account AND s.region_id = @region)");
        }

        var filter = new PostgresFilter()
            .Require("region_id = @region", ("@region", query.RegionId), ("@account", query.AccountId), ("@now", Time(query.Now)))
            .Require(owners.Count == 0 ? "FALSE" : $"({string.Join(" OR ", owners)})")
            .In("image_id", query.ImageIds)
            .Equal("name", query.ImageName)
            .In(EffectiveImageStatus, query.Statuses);
        var total = await _sql.ScalarAsync($"SELECT COUNT(*) FROM images WHERE {filter.Where}", [.. filter.Parameters]);
        var items = await _sql.QueryAsync(
            $"SELECT {ImageColumns} FROM images WHERE {filter.Where} ORDER BY creation_time DESC, image_id LIMIT {filter.Add(query.Limit)} OFFSET {filter.Add(query.Offset)}",
            ReadImage, [.. filter.Parameters]);
        var tags = await ReadTagsAsync(items.Select(image => image.Id).ToList());
        return new Page<Image>(items.Select(image => image with { Tags = tags.GetValueOrDefault(image.Id, []) }).ToList(), (int)total);
    }

    public async Task<IReadOnlyList<ImageShare>> ListImageSharesAsync(string regionId, string imageId) =>
        await _sql.QueryAsync(
            "SELECT account_id, shared_at FROM image_shares WHERE region_id = @region AND image_id = @id ORDER BY shared_at, account_id",
            reader => new ImageShare(reader.GetString(0), ReadTime(reader, 1)), ("@region", regionId), ("@id", imageId));

    public Task AddImageShareAsync(string regionId, string imageId, ImageShare share) =>
        _sql.ExecuteAsync(
            "INSERT INTO image_shares (region_id, image_id, account_id, shared_at) VALUES (@region, @id, @account, @at) ON CONFLICT DO NOTHING",
            ("@region", regionId), ("@id", imageId), ("@account", share.AccountId), ("@at", Time(share.SharedAt)));

    public Task RemoveImageShareAsync(string regionId, string imageId, string accountId) =>
        _sql.ExecuteAsync("DELETE FROM image_shares WHERE region_id = @region AND image_id = @id AND account_id = @account",
            ("@region", regionId), ("@id", imageId), ("@account", accountId));

    private static (string, object?)[] ImageParameters(Image image) =>
    [
        ("@id", image.Id), ("@region", image.RegionId), ("@account", image.AccountId), ("@alias", image.OwnerAlias), ("@name", image.Name),
        ("@description", image.Description), ("@status", image.Status), ("@created", Time(image.CreationTime)), ("@ready", Time(image.ReadyAt)),
        ("@platform", image.Platform), ("@osType", image.OsType), ("@osName", image.OsName), ("@architecture", image.Architecture),
        ("@public", image.IsPublic), ("@sourceImage", image.SourceImageId), ("@sourceRegion", image.SourceRegionId),
        ("@mappings", JsonSerializer.Serialize(image.Mappings)),
    ];

    private static Image ReadImage(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        RegionId: reader.GetString(1),
        AccountId: reader.GetString(2),
        OwnerAlias: reader.GetString(3),
        Name: reader.GetString(4),
        Description: reader.GetString(5),
        Status: reader.GetString(6),
        CreationTime: ReadTime(reader, 7),
        ReadyAt: ReadTime(reader, 8),
        Platform: reader.GetString(9),
        OsType: reader.GetString(10),
        OsName: reader.GetString(11),
        Architecture: reader.GetString(12),
        IsPublic: reader.GetBoolean(13),
        SourceImageId: ReadOptionalString(reader, 14),
        SourceRegionId: ReadOptionalString(reader, 15),
        Mappings: JsonSerializer.Deserialize<List<ImageDiskMapping>>(reader.GetString(16)) ?? [],
        Tags: []);
}
