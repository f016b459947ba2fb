using System.Net;
using System.Text.Json;
using EcsLocal.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcsLocal.Server.Tests;

public sealed class DiskApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private SignedClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.Client();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Plain_disk_while_default_off()
    {
        var created = await CreateDiskAsync(("Size", "40"));
        var disk = await DescribeDiskAsync(created.String("DiskId"));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Matches("^d-bp[a-z0-9]{18}$", created.String("DiskId"));
        Assert.False(disk.GetProperty("Encrypted").GetBoolean());
        Assert.Equal("", disk.GetProperty("KMSKeyId").GetString());
        Assert.Equal("cloud_essd", disk.GetProperty("Category").GetString());
        Assert.Equal("PL1", disk.GetProperty("PerformanceLevel").GetString());
        Assert.Equal(40, disk.GetProperty("Size").GetInt32());
        Assert.Equal("Available", disk.GetProperty("Status").GetString());
        Assert.Equal("cn-hangzhou-i", disk.GetProperty("ZoneId").GetString());
        Assert.Equal("data", disk.GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Default_encryption_key_changes_apply()
    {
        await _client.KmsAsync("OpenKmsService");
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var serviceKey = (await _client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"))).String("KMSKeyId");

        var first = await DescribeDiskAsync((await CreateDiskAsync(("Size", "40"))).String("DiskId"));
        var customKey = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", customKey));
        var second = await DescribeDiskAsync((await CreateDiskAsync(("Size", "40"), ("Encrypted", "false"))).String("DiskId"));
        var firstAgain = await DescribeDiskAsync(first.GetProperty("DiskId").GetString()!);

        Assert.True(first.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(serviceKey, first.GetProperty("KMSKeyId").GetString());
        Assert.True(second.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(customKey, second.GetProperty("KMSKeyId").GetString());
        Assert.Equal(serviceKey, firstAgain.GetProperty("KMSKeyId").GetString());
    }

    [Fact]
    public async Task Encrypted_disk_without_key_uses_service_key()
    {
        await _client.KmsAsync("OpenKmsService");

        var disk = await DescribeDiskAsync((await CreateDiskAsync(("Size", "40"), ("Encrypted", "true"))).String("DiskId"));
        var serviceKey = await _client.KmsAsync("DescribeKey", ("KeyId", "alias/acs/ecs"));

        Assert.True(disk.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(serviceKey.Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString(), disk.GetProperty("KMSKeyId").GetString());
    }

    [Fact]
    public async Task Key_without_Encrypted_rejected()
    {
        await _client.KmsAsync("OpenKmsService");
        var keyId = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        var response = await CreateDiskAsync(("Size", "40"), ("KMSKeyId", keyId));
        var list = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidEncrypted.NotMatchKmsKeyId", response.Code);
        Assert.Equal(0, list.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Specified_key_is_checked_for_usability()
    {
        await _client.KmsAsync("OpenKmsService");
        var disabled = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _client.KmsAsync("DisableKey", ("KeyId", disabled));
        var rsa = (await _client.KmsAsync("CreateKey", ("KeySpec", "RSA_2048"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        var unknown = await CreateDiskAsync(("Size", "40"), ("Encrypted", "true"), ("KMSKeyId", "0e478b7a-4262-4802-b8cb-00d3fb408268"));
        var notEnabled = await CreateDiskAsync(("Size", "40"), ("Encrypted", "true"), ("KMSKeyId", disabled));
        var asymmetric = await CreateDiskAsync(("Size", "40"), ("Encrypted", "true"), ("KMSKeyId", rsa));

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("InvalidParameter.KMSKeyId.NotFound", unknown.Code);
        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", notEnabled.Code);
        Assert.Equal(HttpStatusCode.Forbidden, notEnabled.Status);
        Assert.Equal("InvalidKMSKeyId.NotSymmetric", asymmetric.Code);
    }

    [Fact]
    public async Task Encrypted_disk_needs_kms()
    {
        var response = await CreateDiskAsync(("Size", "40"), ("Encrypted", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidParameter.KmsNotEnabled", response.Code);
    }

    [Theory]
    [InlineData(new[] { "DiskCategory", "cloud_turbo" }, "InvalidDiskCategory.ValueNotSupported")]
    [InlineData(new[] { "Size", "70000" }, "InvalidDiskSize.ValueNotSupported")]
    [InlineData(new[] { "Size", "ten" }, "InvalidParameter")]
    [InlineData(new[] { "PerformanceLevel", "PL9" }, "InvalidParameter")]
    [InlineData(new[] { "Encrypted", "yes" }, "InvalidParameter")]
    [InlineData(new[] { "ZoneId", "cn-beijing-a" }, "InvalidZoneId.NotFound")]
    [InlineData(new[] { "SnapshotId", "s-bp000000000000000000" }, "InvalidSnapshotId.NotFound")]
    [InlineData(new[] { "ClientToken", "tok\u00e9n" }, "InvalidClientToken.Malformed")]
    [InlineData(new[] { "DiskName", "1disk" }, "InvalidDiskName.Malformed")]
    [InlineData(new[] { "Tag.21.Key", "k" }, "InvalidTagCount")]
    [InlineData(new[] { "Tag.1.Key", "acs:reserved" }, "InvalidTagKey.Malformed")]
    public async Task CreateDisk_rejects_bad_input_and_creates_nothing(string[] parameter, string expectedCode)
    {
        var parameters = new List<(string, string)> { ("Size", "40") };
        parameters.RemoveAll(pair => pair.Item1 == parameter[0]);
        parameters.Add((parameter[0], parameter[1]));

        var response = await CreateDiskAsync([.. parameters]);
        var list = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"));

        Assert.Equal(expectedCode, response.Code);
        Assert.Equal(0, list.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task CreateDisk_requires_region_zone_and_size()
    {
        var noRegion = await _client.EcsAsync("CreateDisk", ("ZoneId", "cn-hangzhou-i"), ("Size", "40"));
        var badRegion = await _client.EcsAsync("CreateDisk", ("RegionId", "mars-north-1"), ("ZoneId", "cn-hangzhou-i"), ("Size", "40"));
        var noZone = await _client.EcsAsync("CreateDisk", ("RegionId", "cn-hangzhou"), ("Size", "40"));
        var noSize = await _client.EcsAsync("CreateDisk", ("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"));

        Assert.Equal("MissingParameter", noRegion.Code);
        Assert.Equal("InvalidRegionId.NotFound", badRegion.Code);
        Assert.Equal(HttpStatusCode.NotFound, badRegion.Status);
        Assert.Equal("The input parameter ZoneId that is mandatory for processing this request is not supplied.", noZone.String("Message"));
        Assert.Equal("The input parameter either \"SnapshotId\" or \"Size\" should be specified.", noSize.String("Message"));
    }

    [Fact]
    public async Task ClientToken_returns_same_disk_or_mismatch()
    {
        var first = await CreateDiskAsync(("Size", "40"), ("ClientToken", "token-1"));
        var retry = await CreateDiskAsync(("Size", "40"), ("ClientToken", "token-1"));
        var changed = await CreateDiskAsync(("Size", "50"), ("ClientToken", "token-1"));
        var list = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"));

        Assert.Equal(first.String("DiskId"), retry.String("DiskId"));
        Assert.Equal("IdempotentParameterMismatch", changed.Code);
        Assert.Equal(HttpStatusCode.Forbidden, changed.Status);
        Assert.Equal(1, list.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task DescribeDisks_both_paging_styles()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await CreateDiskAsync(("Size", "40"), ("Tag.1.Key", "index"), ("Tag.1.Value", $"{i}"))).String("DiskId"));

            // Disks list in creation order, kept in milliseconds; disks made in the same millisecond list by id instead.
            await Task.Delay(2);
        }

        var page2 = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("PageNumber", "2"), ("PageSize", "2"));
        var first = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("MaxResults", "3"));
        var rest = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("MaxResults", "3"), ("NextToken", first.String("NextToken")));
        var byIds = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("DiskIds", JsonSerializer.Serialize(new[] { ids[4], ids[0] })));
        var byTag = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("Tag.1.Key", "index"), ("Tag.1.Value", "3"));
        var badIds = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("DiskIds", "d-1,d-2"));
        var badToken = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("NextToken", "not a token"));
        var dryRun = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("DryRun", "true"));

        Assert.Equal(5, page2.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(2, page2.Body.GetProperty("PageNumber").GetInt32());
        Assert.Equal(ids[2..4], DiskIds(page2));
        Assert.Equal(ids[..3], DiskIds(first));
        Assert.Equal(ids[3..], DiskIds(rest));
        Assert.Equal("", rest.String("NextToken"));
        Assert.Equal([ids[0], ids[4]], DiskIds(byIds));
        Assert.Equal([ids[3]], DiskIds(byTag));
        Assert.Equal("InvalidParameter", badIds.Code);
        Assert.Equal("InvalidNextToken.Malformed", badToken.Code);
        Assert.Equal("DryRunOperation", dryRun.Code);
        Assert.Equal(HttpStatusCode.BadRequest, dryRun.Status);
    }

    [Fact]
    public async Task Other_account_disk_is_not_found()
    {
        var diskId = (await CreateDiskAsync(("Size", "40"))).String("DiskId");
        var other = await _server.OtherAccountClientAsync();

        var delete = await other.EcsAsync("DeleteDisk", ("DiskId", diskId));
        var describe = await other.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("DiskIds", $"[\"{diskId}\"]"));
        var resize = await other.EcsAsync("ResizeDisk", ("DiskId", diskId), ("NewSize", "100"));

        Assert.Equal("InvalidDiskId.NotFound", delete.Code);
        Assert.Equal(HttpStatusCode.NotFound, delete.Status);
        Assert.Equal(0, describe.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal("InvalidDiskId.NotFound", resize.Code);
    }

    [Fact]
    public async Task Resize_modify_and_delete_disk()
    {
        var diskId = (await CreateDiskAsync(("Size", "40"))).String("DiskId");

        var shrink = await _client.EcsAsync("ResizeDisk", ("DiskId", diskId), ("NewSize", "30"));
        var grow = await _client.EcsAsync("ResizeDisk", ("DiskId", diskId), ("NewSize", "100"));
        var rename = await _client.EcsAsync("ModifyDiskAttribute", ("DiskId", diskId), ("DiskName", "data-disk"), ("Description", "renamed"));
        var disk = await DescribeDiskAsync(diskId);
        var delete = await _client.EcsAsync("DeleteDisk", ("DiskId", diskId));
        var deleteAgain = await _client.EcsAsync("DeleteDisk", ("DiskId", diskId));

        Assert.Equal("InvalidDiskSize.TooSmall", shrink.Code);
        Assert.Equal(HttpStatusCode.OK, grow.Status);
        Assert.Equal(HttpStatusCode.OK, rename.Status);
        Assert.Equal(100, disk.GetProperty("Size").GetInt32());
        Assert.Equal("data-disk", disk.GetProperty("DiskName").GetString());
        Assert.Equal("renamed", disk.GetProperty("Description").GetString());
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal("InvalidDiskId.NotFound", deleteAgain.Code);
    }

    [Fact]
    public async Task Disk_is_creating_until_ready_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time, readyMilliseconds: 1000);
        var client = server.Client();

        var diskId = (await client.EcsAsync("CreateDisk", ("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"),
            ("Size", "40"))).String("DiskId");
        var creating = await client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("Status", "Creating"));
        var deleteWhileCreating = await client.EcsAsync("DeleteDisk", ("DiskId", diskId));
        time.Advance(TimeSpan.FromSeconds(1));
        var available = await client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("Status", "Available"));

        Assert.Equal([diskId], DiskIds(creating));
        Assert.Equal("IncorrectDiskStatus", deleteWhileCreating.Code);
        Assert.Equal([diskId], DiskIds(available));
    }

    private Task<ApiResponse> CreateDiskAsync(params (string Name, string Value)[] parameters)
    {
        var all = new List<(string, string)> { ("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd") };
        all.RemoveAll(pair => parameters.Any(parameter => parameter.Name == pair.Item1));
        all.AddRange(parameters);
        return _client.EcsAsync("CreateDisk", [.. all]);
    }

    private async Task<JsonElement> DescribeDiskAsync(string diskId)
    {
        var response = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("DiskIds", $"[\"{diskId}\"]"));
        return response.Body.GetProperty("Disks").GetProperty("Disk")[0];
    }

    private static IReadOnlyList<string> DiskIds(ApiResponse response) =>
        response.Body.GetProperty("Disks").GetProperty("Disk").EnumerateArray().Select(disk => disk.GetProperty("DiskId").GetString()!).ToList();
}
