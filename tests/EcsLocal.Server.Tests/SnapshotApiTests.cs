using System.Net;
using System.Text.Json;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class SnapshotApiTests : IAsyncLifetime
{
    private const string Hangzhou = "cn-hangzhou";
    private const string Shanghai = "cn-shanghai";

    private TestServer _server = null!;
    private SignedClient _client = null!;
    private SignedClient _shanghaiKms = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.Client();
        _shanghaiKms = _server.Client();
        _shanghaiKms.HostHeader = $"kms.{Shanghai}.ecslocal.test:{_server.BaseAddress.Port}";
        await _client.KmsAsync("OpenKmsService");
        await _shanghaiKms.KmsAsync("OpenKmsService");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Snapshot_and_its_disk_keep_key()
    {
        var keyId = await CreateKeyAsync(_client);
        var diskId = await CreateDiskAsync(("Encrypted", "true"), ("KMSKeyId", keyId));

        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", diskId), ("SnapshotName", "backup"))).String("SnapshotId");
        var snapshot = await DescribeSnapshotAsync(Hangzhou, snapshotId);
        var restored = await DescribeDiskAsync(await CreateDiskAsync(("SnapshotId", snapshotId)));

        Assert.Matches("^s-bp[a-z0-9]{18}$", snapshotId);
        Assert.True(snapshot.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(keyId, snapshot.GetProperty("KMSKeyId").GetString());
        Assert.Equal(diskId, snapshot.GetProperty("SourceDiskId").GetString());
        Assert.Equal("40", snapshot.GetProperty("SourceDiskSize").GetString());
        Assert.Equal("accomplished", snapshot.GetProperty("Status").GetString());
        Assert.Equal("100%", snapshot.GetProperty("Progress").GetString());
        Assert.True(restored.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(keyId, restored.GetProperty("KMSKeyId").GetString());
        Assert.Equal(snapshotId, restored.GetProperty("SourceSnapshotId").GetString());
        Assert.Equal(40, restored.GetProperty("Size").GetInt32());
    }

    [Fact]
    public async Task Disabled_key_blocks_until_enabled_again()
    {
        var keyId = await CreateKeyAsync(_client);
        var diskId = await CreateDiskAsync(("Encrypted", "true"), ("KMSKeyId", keyId));
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", diskId))).String("SnapshotId");
        await _client.KmsAsync("DisableKey", ("KeyId", keyId));

        var blockedSnapshot = await _client.EcsAsync("CreateSnapshot", ("DiskId", diskId));
        var blockedDisk = await CreateDiskResponseAsync(("SnapshotId", snapshotId));
        var blockedCopy = await CopyAsync(snapshotId, Shanghai, ("Encrypted", "true"));
        await _client.KmsAsync("EnableKey", ("KeyId", keyId));
        var snapshotAgain = await _client.EcsAsync("CreateSnapshot", ("DiskId", diskId));
        var diskAgain = await CreateDiskResponseAsync(("SnapshotId", snapshotId));

        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", blockedSnapshot.Code);
        Assert.Equal(HttpStatusCode.Forbidden, blockedSnapshot.Status);
        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", blockedDisk.Code);
        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", blockedCopy.Code);
        Assert.Equal(HttpStatusCode.OK, snapshotAgain.Status);
        Assert.Equal(HttpStatusCode.OK, diskAgain.Status);
    }

    [Fact]
    public async Task Plain_copy_across_regions_follows_destination_default()
    {
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", await CreateDiskAsync()))).String("SnapshotId");

        var plain = await DescribeSnapshotAsync(Shanghai, (await CopyAsync(snapshotId, Shanghai)).String("SnapshotId"));
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", Shanghai));
        var shanghaiDefault = (await _client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", Shanghai))).String("KMSKeyId");
        var forced = await DescribeSnapshotAsync(Shanghai, (await CopyAsync(snapshotId, Shanghai, ("Encrypted", "false"))).String("SnapshotId"));
        var sameRegion = await CopyAsync(snapshotId, Hangzhou);

        Assert.False(plain.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(Hangzhou, plain.GetProperty("SourceRegionId").GetString());
        Assert.Equal(snapshotId, plain.GetProperty("SourceSnapshotId").GetString());
        Assert.Matches("^s-uf[a-z0-9]{18}$", plain.GetProperty("SnapshotId").GetString());
        Assert.True(forced.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(shanghaiDefault, forced.GetProperty("KMSKeyId").GetString());
        Assert.Equal("InvalidOperation.NotSupportCopyInSameRegion", sameRegion.Code);
        Assert.Equal(HttpStatusCode.Forbidden, sameRegion.Status);
    }

    [Fact]
    public async Task Encrypted_snapshot_copies_only_with_encryption()
    {
        var keyId = await CreateKeyAsync(_client);
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", await CreateDiskAsync(("Encrypted", "true"), ("KMSKeyId", keyId))))).String("SnapshotId");
        var shanghaiKey = await CreateKeyAsync(_shanghaiKms);

        var plain = await CopyAsync(snapshotId, Shanghai);
        var hangzhouKeyInShanghai = await CopyAsync(snapshotId, Shanghai, ("Encrypted", "true"), ("KMSKeyId", keyId));
        var encrypted = await CopyAsync(snapshotId, Shanghai, ("Encrypted", "true"), ("KMSKeyId", shanghaiKey));
        var copy = await DescribeSnapshotAsync(Shanghai, encrypted.String("SnapshotId"));
        var inRegion = await DescribeSnapshotAsync(Hangzhou, (await CopyAsync(snapshotId, Hangzhou, ("Encrypted", "true"))).String("SnapshotId"));
        var serviceKey = (await _client.KmsAsync("DescribeKey", ("KeyId", "alias/acs/ecs"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString();
        var restored = await DescribeDiskAsync(await CreateDiskAsync(Shanghai, ("SnapshotId", encrypted.String("SnapshotId"))), Shanghai);

        Assert.Equal("InvalidEncrypted.NotSupportDecrypt", plain.Code);
        Assert.Equal(HttpStatusCode.Forbidden, plain.Status);
        Assert.Equal("InvalidParameter.KMSKeyId.NotFound", hangzhouKeyInShanghai.Code);
        Assert.Equal(HttpStatusCode.Forbidden, hangzhouKeyInShanghai.Status);
        Assert.Equal(shanghaiKey, copy.GetProperty("KMSKeyId").GetString());
        Assert.Equal(serviceKey, inRegion.GetProperty("KMSKeyId").GetString());
        Assert.Equal(shanghaiKey, restored.GetProperty("KMSKeyId").GetString());
    }

    [Fact]
    public async Task Encrypted_disk_from_plain_snapshot_needs_essd_class()
    {
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", await CreateDiskAsync()))).String("SnapshotId");

        var ultra = await CreateDiskResponseAsync(("SnapshotId", snapshotId), ("DiskCategory", "cloud_efficiency"), ("Encrypted", "true"));
        var essd = await CreateDiskResponseAsync(("SnapshotId", snapshotId), ("DiskCategory", "cloud_essd"), ("Encrypted", "true"));

        Assert.Equal("NotSupportSnapshotEncrypted.DiskCategory", ultra.Code);
        Assert.Equal(HttpStatusCode.Forbidden, ultra.Status);
        Assert.Equal(HttpStatusCode.OK, essd.Status);
    }

    [Fact]
    public async Task Disk_from_snapshot_cannot_be_smaller()
    {
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", await CreateDiskAsync(("Size", "100"))))).String("SnapshotId");

        var smaller = await CreateDiskResponseAsync(("SnapshotId", snapshotId), ("Size", "50"));
        var inherited = await DescribeDiskAsync(await CreateDiskAsync(("SnapshotId", snapshotId)));

        Assert.Equal("InvalidDiskSize.TooSmall", smaller.Code);
        Assert.Equal(100, inherited.GetProperty("Size").GetInt32());
    }

    [Fact]
    public async Task Snapshot_used_by_disk_needs_force_to_delete()
    {
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", await CreateDiskAsync()))).String("SnapshotId");
        await CreateDiskAsync(("SnapshotId", snapshotId));

        var withoutForce = await _client.EcsAsync("DeleteSnapshot", ("SnapshotId", snapshotId));
        var forced = await _client.EcsAsync("DeleteSnapshot", ("SnapshotId", snapshotId), ("Force", "true"));
        var afterDeletion = await _client.EcsAsync("DeleteSnapshot", ("SnapshotId", snapshotId));

        Assert.Equal("SnapshotCreatedDisk", withoutForce.Code);
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Equal("InvalidSnapshotId.NotFound", afterDeletion.Code);
    }

    [Fact]
    public async Task Snapshot_attributes_and_filters()
    {
        var diskId = await CreateDiskAsync();
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", diskId), ("Tag.1.Key", "env"), ("Tag.1.Value", "prod"))).String("SnapshotId");

        var modify = await _client.EcsAsync("ModifySnapshotAttribute", ("SnapshotId", snapshotId), ("SnapshotName", "nightly"), ("RetentionDays", "7"));
        var badName = await _client.EcsAsync("ModifySnapshotAttribute", ("SnapshotId", snapshotId), ("SnapshotName", "auto-nightly"));
        var byDisk = await _client.EcsAsync("DescribeSnapshots", ("RegionId", Hangzhou), ("DiskId", diskId));
        var byTag = await _client.EcsAsync("DescribeSnapshots", ("RegionId", Hangzhou), ("Tag.1.Key", "env"));
        var encryptedOnly = await _client.EcsAsync("DescribeSnapshots", ("RegionId", Hangzhou), ("Encrypted", "true"));
        var snapshot = byDisk.Body.GetProperty("Snapshots").GetProperty("Snapshot")[0];

        Assert.Equal(HttpStatusCode.OK, modify.Status);
        Assert.Equal("InvalidSnapshotName.Malformed", badName.Code);
        Assert.Equal("nightly", snapshot.GetProperty("SnapshotName").GetString());
        Assert.Equal(7, snapshot.GetProperty("RetentionDays").GetInt32());
        Assert.Equal("prod", snapshot.GetProperty("Tags").GetProperty("Tag")[0].GetProperty("TagValue").GetString());
        Assert.Equal(1, byTag.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(0, encryptedOnly.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Shared_snapshot_gives_recipient_its_own_keys()
    {
        var plain = (await _client.EcsAsync("CreateSnapshot", ("DiskId", await CreateDiskAsync()))).String("SnapshotId");
        var serviceKeyed = (await _client.EcsAsync("CreateSnapshot", ("DiskId", await CreateDiskAsync(("Encrypted", "true"))))).String("SnapshotId");
        var customKeyed = (await _client.EcsAsync("CreateSnapshot",
            ("DiskId", await CreateDiskAsync(("Encrypted", "true"), ("KMSKeyId", await CreateKeyAsync(_client)))))).String("SnapshotId");
        var recipient = await _server.OtherAccountClientAsync();
        await recipient.KmsAsync("OpenKmsService");
        var store = (await EcsLocalHost.OpenStoreAsync(_server.Options, CancellationToken.None, mustExist: true)).Store;

        var beforeShare = await CreateDiskResponseAsync(recipient, ("SnapshotId", plain));
        var share = await Application.Disks.SnapshotAccess.SetShareAsync(store, plain, "1600000000000002", true, DateTimeOffset.UtcNow, CancellationToken.None);
        var serviceKeyShare = await Application.Disks.SnapshotAccess.SetShareAsync(store, serviceKeyed, "1600000000000002", true, DateTimeOffset.UtcNow, CancellationToken.None);
        var customKeyShare = await Application.Disks.SnapshotAccess.SetShareAsync(store, customKeyed, "1600000000000002", true, DateTimeOffset.UtcNow, CancellationToken.None);
        var plainDisk = await CreateDiskResponseAsync(recipient, ("SnapshotId", plain));
        var encryptedDisk = await CreateDiskResponseAsync(recipient, ("SnapshotId", plain), ("Encrypted", "true"));
        var recipientServiceKey = (await recipient.KmsAsync("DescribeKey", ("KeyId", "alias/acs/ecs"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString();
        var encryptedDiskIds = JsonSerializer.Serialize(new[] { encryptedDisk.String("DiskId") });
        var encrypted = (await recipient.EcsAsync("DescribeDisks", ("RegionId", Hangzhou), ("DiskIds", encryptedDiskIds)))
            .Body.GetProperty("Disks").GetProperty("Disk")[0];

        Assert.Equal("InvalidSnapshotId.NotFound", beforeShare.Code);
        Assert.True(share.IsSuccess);
        Assert.Equal("InvalidOperation.ServiceKeyEncryptedImageUnsupported", serviceKeyShare.Error?.Code);
        Assert.Equal("OperationDeined.EncryptedSnapshot", customKeyShare.Error?.Code);
        Assert.Equal(HttpStatusCode.OK, plainDisk.Status);
        Assert.Equal(recipientServiceKey, encrypted.GetProperty("KMSKeyId").GetString());
    }

    [Theory]
    [InlineData("DestinationRegionId", "mars-north-1", "InvalidRegionId.NotExists")]
    [InlineData("SnapshotId", "s-bp000000000000000000", "InvalidSnapshotId.NotFound")]
    [InlineData("DestinationSnapshotName", "", "MissingParameter")]
    [InlineData("DestinationSnapshotName", "1copy", "InvalidSnapshotName.Malformed")]
    [InlineData("KMSKeyId", "alias/none", "InvalidEncrypted.NotMatchKmsKeyId")]
    public async Task CopySnapshot_rejects_bad_input(string name, string value, string expectedCode)
    {
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", await CreateDiskAsync()))).String("SnapshotId");
        var parameters = new Dictionary<string, string>
        {
            ["RegionId"] = Hangzhou,
            ["SnapshotId"] = snapshotId,
            ["DestinationRegionId"] = Shanghai,
            ["DestinationSnapshotName"] = "copy",
            ["DestinationSnapshotDescription"] = "copy of a snapshot",
        };
        parameters[name] = value;

        var response = await _client.EcsAsync("CopySnapshot", [.. parameters.Select(pair => (pair.Key, pair.Value))]);
        var copies = await _client.EcsAsync("DescribeSnapshots", ("RegionId", Shanghai));

        Assert.Equal(expectedCode, response.Code);
        Assert.Equal(0, copies.Body.GetProperty("TotalCount").GetInt32());
    }

    private Task<ApiResponse> CopyAsync(string snapshotId, string destination, params (string Name, string Value)[] extra) =>
        _client.EcsAsync("CopySnapshot",
        [
            ("RegionId", Hangzhou), ("SnapshotId", snapshotId), ("DestinationRegionId", destination), ("DestinationSnapshotName", "copy"),
            ("DestinationSnapshotDescription", "copy of a snapshot"), .. extra,
        ]);

    private static async Task<string> CreateKeyAsync(SignedClient client) =>
        (await client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

    private async Task<string> CreateDiskAsync(params (string Name, string Value)[] parameters) => await CreateDiskAsync(Hangzhou, parameters);

    private async Task<string> CreateDiskAsync(string region, params (string Name, string Value)[] parameters)
    {
        var response = await CreateDiskResponseAsync(region, parameters);
        Assert.True(response.Status == HttpStatusCode.OK, $"CreateDisk failed with {response.Code}: {response.Body}");
        return response.String("DiskId");
    }

    private Task<ApiResponse> CreateDiskResponseAsync(params (string Name, string Value)[] parameters) => CreateDiskResponseAsync(Hangzhou, parameters);

    private static Task<ApiResponse> CreateDiskResponseAsync(SignedClient client, params (string Name, string Value)[] parameters) =>
        client.EcsAsync("CreateDisk", [("RegionId", Hangzhou), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"), .. parameters]);

    private Task<ApiResponse> CreateDiskResponseAsync(string region, params (string Name, string Value)[] parameters)
    {
        var all = new List<(string Name, string Value)> { ("RegionId", region), ("ZoneId", region + "-" + (region == Hangzhou ? "i" : "b")), ("DiskCategory", "cloud_essd") };
        if (!parameters.Any(parameter => parameter.Name is "Size" or "SnapshotId"))
        {
            all.Add(("Size", "40"));
        }

        all.RemoveAll(pair => parameters.Any(parameter => parameter.Name == pair.Name));
        all.AddRange(parameters);
        return _client.EcsAsync("CreateDisk", [.. all]);
    }

    private async Task<JsonElement> DescribeDiskAsync(string diskId, string region = Hangzhou) =>
        (await _client.EcsAsync("DescribeDisks", ("RegionId", region), ("DiskIds", $"[\"{diskId}\"]"))).Body.GetProperty("Disks").GetProperty("Disk")[0];

    private async Task<JsonElement> DescribeSnapshotAsync(string region, string snapshotId) =>
        (await _client.EcsAsync("DescribeSnapshots", ("RegionId", region), ("SnapshotIds", $"[\"{snapshotId}\"]")))
            .Body.GetProperty("Snapshots").GetProperty("Snapshot")[0];
}
