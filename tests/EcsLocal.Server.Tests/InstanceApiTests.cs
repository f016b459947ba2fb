using System.Net;
using System.Text.Json;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class InstanceApiTests : IAsyncLifetime
{
    private const string Hangzhou = "cn-hangzhou";
    private const string SystemImage = "aliyun_3_x64_20G_alibase_20240819.vhd";

    private TestServer _server = null!;
    private SignedClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.Client();
        await _client.KmsAsync("OpenKmsService");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RunInstances_gives_each_disk_its_own_key()
    {
        var keyA = await CreateKeyAsync();
        var keyB = await CreateKeyAsync();

        var run = await RunAsync(("Amount", "2"), ("DataDisk.1.Size", "50"), ("DataDisk.1.Encrypted", "true"), ("DataDisk.1.KMSKeyId", keyA),
            ("DataDisk.2.Size", "60"), ("DataDisk.2.Encrypted", "true"), ("DataDisk.2.KMSKeyId", keyB));
        var ids = run.Body.GetProperty("InstanceIdSets").GetProperty("InstanceIdSet").EnumerateArray().Select(id => id.GetString()!).ToList();
        var instances = await _client.EcsAsync("DescribeInstances", ("RegionId", Hangzhou));
        var disks = await DisksOfAsync(ids[1]);

        Assert.Equal(HttpStatusCode.OK, run.Status);
        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.Matches("^i-bp[a-z0-9]{18}$", id));
        Assert.Equal(2, instances.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(3, disks.Count);
        Assert.Equal("system", disks[0].GetProperty("Type").GetString());
        Assert.False(disks[0].GetProperty("Encrypted").GetBoolean());
        Assert.Equal(20, disks[0].GetProperty("Size").GetInt32());
        Assert.Equal("In_use", disks[0].GetProperty("Status").GetString());
        Assert.Equal(new[] { keyA, keyB }.Order(StringComparer.Ordinal), disks.Skip(1).Select(disk => disk.GetProperty("KMSKeyId").GetString()!)
            .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Default_encryption_applies_to_system_disk()
    {
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", Hangzhou));
        var defaultKey = (await _client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", Hangzhou))).String("KMSKeyId");

        var run = await RunAsync();
        var ultra = await RunAsync(("SystemDisk.Category", "cloud_efficiency"));
        var systemDisk = (await DisksOfAsync(run.Body.GetProperty("InstanceIdSets").GetProperty("InstanceIdSet")[0].GetString()!))[0];

        Assert.True(systemDisk.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(defaultKey, systemDisk.GetProperty("KMSKeyId").GetString());
        Assert.Equal("NotSupportSnapshotEncrypted.DiskCategory", ultra.Code);
    }

    [Fact]
    public async Task One_bad_disk_creates_nothing()
    {
        var good = await CreateKeyAsync();
        var disabled = await CreateKeyAsync();
        await _client.KmsAsync("DisableKey", ("KeyId", disabled));

        var run = await RunAsync(("DataDisk.1.Size", "50"), ("DataDisk.1.Encrypted", "true"), ("DataDisk.1.KMSKeyId", good),
            ("DataDisk.2.Size", "50"), ("DataDisk.2.Encrypted", "true"), ("DataDisk.2.KMSKeyId", good),
            ("DataDisk.3.Size", "50"), ("DataDisk.3.Encrypted", "true"), ("DataDisk.3.KMSKeyId", disabled));
        var dryRun = await RunAsync(("DryRun", "true"));
        var instances = await _client.EcsAsync("DescribeInstances", ("RegionId", Hangzhou));
        var disks = await _client.EcsAsync("DescribeDisks", ("RegionId", Hangzhou));

        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", run.Code);
        Assert.Equal("DryRunOperation", dryRun.Code);
        Assert.Equal(0, instances.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(0, disks.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Instance_image_keeps_disk_keys()
    {
        var keyId = await CreateKeyAsync();
        var source = (await RunAsync(("DataDisk.1.Size", "50"), ("DataDisk.1.Encrypted", "true"), ("DataDisk.1.KMSKeyId", keyId)))
            .Body.GetProperty("InstanceIdSets").GetProperty("InstanceIdSet")[0].GetString()!;

        var image = await _client.EcsAsync("CreateImage", ("RegionId", Hangzhou), ("InstanceId", source), ("ImageName", "golden"));
        var mappings = (await _client.EcsAsync("DescribeImages", ("RegionId", Hangzhou), ("ImageId", image.String("ImageId")), ("Status", "Creating,Available")))
            .Body.GetProperty("Images").GetProperty("Image")[0].GetProperty("DiskDeviceMappings").GetProperty("DiskDeviceMapping");
        var fromImage = await RunAsync(("ImageId", image.String("ImageId")));

        Assert.Equal(HttpStatusCode.OK, image.Status);
        Assert.Equal(2, mappings.GetArrayLength());
        Assert.False(mappings[0].GetProperty("Encrypted").GetBoolean());
        Assert.Equal(keyId, mappings[1].GetProperty("KMSKeyId").GetString());
        Assert.Equal(HttpStatusCode.OK, fromImage.Status);
        var copy = await DisksOfAsync(fromImage.Body.GetProperty("InstanceIdSets").GetProperty("InstanceIdSet")[0].GetString()!);
        Assert.Equal(keyId, copy[1].GetProperty("KMSKeyId").GetString());
        Assert.Equal("data", copy[1].GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Shared_image_gets_recipient_default_key()
    {
        var snapshot = await SnapshotOfNewDiskAsync();
        var imageId = (await _client.EcsAsync("CreateImage", ("RegionId", Hangzhou), ("SnapshotId", snapshot))).String("ImageId");
        var recipient = await _server.OtherAccountClientAsync();
        await _client.EcsAsync("ModifyImageSharePermission", ("RegionId", Hangzhou), ("ImageId", imageId), ("AddAccount.1", "1600000000000002"));
        await recipient.KmsAsync("OpenKmsService");
        await recipient.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", Hangzhou));
        var recipientDefault = (await recipient.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", Hangzhou))).String("KMSKeyId");

        var run = await recipient.EcsAsync("RunInstances", ("RegionId", Hangzhou), ("ImageId", imageId), ("InstanceType", "ecs.g7.large"));
        var instanceId = run.Body.GetProperty("InstanceIdSets").GetProperty("InstanceIdSet")[0].GetString()!;
        var systemDisk = (await recipient.EcsAsync("DescribeDisks", ("RegionId", Hangzhou), ("InstanceId", instanceId)))
            .Body.GetProperty("Disks").GetProperty("Disk")[0];

        Assert.Equal(recipientDefault, systemDisk.GetProperty("KMSKeyId").GetString());
    }

    [Fact]
    public async Task Attach_detach_and_delete_with_instance()
    {
        var keyId = await CreateKeyAsync();
        var instanceId = (await RunAsync(("ZoneId", "cn-hangzhou-i"))).Body.GetProperty("InstanceIdSets").GetProperty("InstanceIdSet")[0].GetString()!;
        var diskId = (await _client.EcsAsync("CreateDisk", ("RegionId", Hangzhou), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"),
            ("Size", "40"), ("Encrypted", "true"), ("KMSKeyId", keyId))).String("DiskId");
        var otherZone = (await _client.EcsAsync("CreateDisk", ("RegionId", Hangzhou), ("ZoneId", "cn-hangzhou-k"), ("DiskCategory", "cloud_essd"),
            ("Size", "40"))).String("DiskId");

        await _client.KmsAsync("DisableKey", ("KeyId", keyId));
        var blocked = await _client.EcsAsync("AttachDisk", ("DiskId", diskId), ("InstanceId", instanceId));
        await _client.KmsAsync("EnableKey", ("KeyId", keyId));
        var attach = await _client.EcsAsync("AttachDisk", ("DiskId", diskId), ("InstanceId", instanceId));
        var wrongZone = await _client.EcsAsync("AttachDisk", ("DiskId", otherZone), ("InstanceId", instanceId));
        var attached = await DisksOfAsync(instanceId);
        var systemDiskId = attached[0].GetProperty("DiskId").GetString()!;
        var detachSystem = await _client.EcsAsync("DetachDisk", ("DiskId", systemDiskId), ("InstanceId", instanceId));
        var detach = await _client.EcsAsync("DetachDisk", ("DiskId", diskId), ("InstanceId", instanceId));
        var running = await _client.EcsAsync("DeleteInstance", ("InstanceId", instanceId));
        var stop = await _client.EcsAsync("StopInstance", ("InstanceId", instanceId));
        var delete = await _client.EcsAsync("DeleteInstance", ("InstanceId", instanceId));
        var remaining = await _client.EcsAsync("DescribeDisks", ("RegionId", Hangzhou));

        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", blocked.Code);
        Assert.Equal(HttpStatusCode.OK, attach.Status);
        Assert.Equal("InvalidDiskId.ZoneMismatch", wrongZone.Code);
        Assert.Equal(2, attached.Count);
        Assert.Equal("IncorrectDiskType", detachSystem.Code);
        Assert.Equal(HttpStatusCode.OK, detach.Status);
        Assert.Equal("IncorrectInstanceStatus", running.Code);
        Assert.Equal(HttpStatusCode.OK, stop.Status);
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal(2, remaining.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task CreateDisk_with_instance_attaches()
    {
        var instanceId = (await RunAsync(("ZoneId", "cn-hangzhou-k"))).Body.GetProperty("InstanceIdSets").GetProperty("InstanceIdSet")[0].GetString()!;

        var created = await _client.EcsAsync("CreateDisk", ("RegionId", Hangzhou), ("InstanceId", instanceId), ("DiskCategory", "cloud_essd"), ("Size", "40"));
        var conflict = await _client.EcsAsync("CreateDisk", ("RegionId", Hangzhou), ("InstanceId", instanceId), ("ZoneId", "cn-hangzhou-k"), ("Size", "40"));
        var unknown = await _client.EcsAsync("CreateDisk", ("RegionId", Hangzhou), ("InstanceId", "i-bp000000000000000000"), ("Size", "40"));
        var disk = (await DisksOfAsync(instanceId)).Single(item => item.GetProperty("DiskId").GetString() == created.String("DiskId"));

        Assert.Equal("cn-hangzhou-k", disk.GetProperty("ZoneId").GetString());
        Assert.Equal("In_use", disk.GetProperty("Status").GetString());
        Assert.Equal(instanceId, disk.GetProperty("InstanceId").GetString());
        Assert.Equal("InvalidParam.ZoneIdAndInstanceId.Conflict", conflict.Code);
        Assert.Equal("InvalidInstanceId.NotFound", unknown.Code);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Theory]
    [InlineData("ImageId", "m-bp000000000000000000", "InvalidImageId.NotFound")]
    [InlineData("ImageId", "", "MissingParameter")]
    [InlineData("InstanceType", "", "MissingParameter")]
    [InlineData("InstanceType", "large", "InvalidInstanceType.ValueNotSupported")]
    [InlineData("Amount", "101", "InvalidParameter")]
    [InlineData("SystemDisk.Category", "cloud_turbo", "InvalidDiskCategory.ValueNotSupported")]
    [InlineData("SystemDisk.Size", "10", "InvalidDiskSize.TooSmall")]
    [InlineData("SystemDisk.Encrypted", "maybe", "InvalidParameter")]
    [InlineData("ZoneId", "cn-beijing-a", "InvalidZoneId.NotFound")]
    [InlineData("DataDisk.1.SnapshotId", "s-bp000000000000000000", "InvalidSnapshotId.NotFound")]
    public async Task RunInstances_rejects_bad_input(string name, string value, string expectedCode)
    {
        var response = await RunAsync((name, value));
        var instances = await _client.EcsAsync("DescribeInstances", ("RegionId", Hangzhou));

        Assert.Equal(expectedCode, response.Code);
        Assert.Equal(0, instances.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task CreateInstance_stays_stopped_until_started()
    {
        var created = await _client.EcsAsync("CreateInstance", ("RegionId", Hangzhou), ("ImageId", SystemImage), ("InstanceType", "ecs.g7.large"));
        var instanceId = created.String("InstanceId");
        var stopped = await InstanceStatusAsync(instanceId);
        var start = await _client.EcsAsync("StartInstance", ("InstanceId", instanceId));
        var startAgain = await _client.EcsAsync("StartInstance", ("InstanceId", instanceId));

        Assert.Equal("Stopped", stopped);
        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Equal("Running", await InstanceStatusAsync(instanceId));
        Assert.Equal("IncorrectInstanceStatus", startAgain.Code);
    }

    private Task<ApiResponse> RunAsync(params (string Name, string Value)[] parameters)
    {
        var all = new Dictionary<string, string> { ["RegionId"] = Hangzhou, ["ImageId"] = SystemImage, ["InstanceType"] = "ecs.g7.large" };
        foreach (var (name, value) in parameters)
        {
            all[name] = value;
        }

        return _client.EcsAsync("RunInstances", [.. all.Where(pair => pair.Value.Length > 0).Select(pair => (pair.Key, pair.Value))]);
    }

    private async Task<string> CreateKeyAsync() =>
        (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

    private async Task<string> SnapshotOfNewDiskAsync()
    {
        var diskId = (await _client.EcsAsync("CreateDisk", ("RegionId", Hangzhou), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"),
            ("Size", "40"))).String("DiskId");
        return (await _client.EcsAsync("CreateSnapshot", ("DiskId", diskId))).String("SnapshotId");
    }

    private async Task<List<JsonElement>> DisksOfAsync(string instanceId) =>
        (await _client.EcsAsync("DescribeDisks", ("RegionId", Hangzhou), ("InstanceId", instanceId)))
            .Body.GetProperty("Disks").GetProperty("Disk").EnumerateArray().OrderBy(disk => disk.GetProperty("Type").GetString() == "system" ? 0 : 1)
            .ToList();

    private async Task<string?> InstanceStatusAsync(string instanceId) =>
        (await _client.EcsAsync("DescribeInstances", ("RegionId", Hangzhou), ("InstanceIds", $"[\"{instanceId}\"]")))
            .Body.GetProperty("Instances").GetProperty("Instance")[0].GetProperty("Status").GetString();
}
