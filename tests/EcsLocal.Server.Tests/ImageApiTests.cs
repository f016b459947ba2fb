using System.Net;
using System.Text.Json;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class ImageApiTests : IAsyncLifetime
{
    private const string Hangzhou = "cn-hangzhou";
    private const string Shanghai = "cn-shanghai";

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
    public async Task System_images_are_listed_in_every_region()
    {
        var system = await _client.EcsAsync("DescribeImages", ("RegionId", Shanghai), ("ImageOwnerAlias", "system"));
        var images = system.Body.GetProperty("Images").GetProperty("Image");
        var mapping = images[0].GetProperty("DiskDeviceMappings").GetProperty("DiskDeviceMapping")[0];

        Assert.Equal(4, system.Body.GetProperty("TotalCount").GetInt32());
        Assert.Contains(images.EnumerateArray(), image => image.GetProperty("ImageId").GetString() == "aliyun_3_x64_20G_alibase_20240819.vhd");
        Assert.All(images.EnumerateArray(), image => Assert.Equal("system", image.GetProperty("ImageOwnerAlias").GetString()));
        Assert.False(mapping.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(Shanghai, system.String("RegionId"));
    }

    [Fact]
    public async Task Image_keeps_each_snapshot_key()
    {
        var keyId = await CreateKeyAsync();
        var encryptedSnapshot = await CreateSnapshotAsync(("Encrypted", "true"), ("KMSKeyId", keyId));
        var plainSnapshot = await CreateSnapshotAsync();

        var created = await _client.EcsAsync("CreateImage", ("RegionId", Hangzhou), ("ImageName", "web-server"),
            ("DiskDeviceMapping.1.SnapshotId", plainSnapshot), ("DiskDeviceMapping.2.SnapshotId", encryptedSnapshot));
        var image = await DescribeImageAsync(Hangzhou, created.String("ImageId"));
        var mappings = image.GetProperty("DiskDeviceMappings").GetProperty("DiskDeviceMapping");

        Assert.Matches("^m-bp[a-z0-9]{18}$", created.String("ImageId"));
        Assert.Equal("self", image.GetProperty("ImageOwnerAlias").GetString());
        Assert.Equal("system", mappings[0].GetProperty("Type").GetString());
        Assert.False(mappings[0].GetProperty("Encrypted").GetBoolean());
        Assert.Equal("data", mappings[1].GetProperty("Type").GetString());
        Assert.True(mappings[1].GetProperty("Encrypted").GetBoolean());
        Assert.Equal(keyId, mappings[1].GetProperty("KMSKeyId").GetString());
        Assert.Equal(encryptedSnapshot, mappings[1].GetProperty("SnapshotId").GetString());
    }

    [Fact]
    public async Task CreateImage_rejects_bad_sources()
    {
        var missing = await _client.EcsAsync("CreateImage", ("RegionId", Hangzhou));
        var unknown = await _client.EcsAsync("CreateImage", ("RegionId", Hangzhou), ("SnapshotId", "s-bp000000000000000000"));
        var badName = await _client.EcsAsync("CreateImage", ("RegionId", Hangzhou), ("SnapshotId", await CreateSnapshotAsync()), ("ImageName", "aliyun-image"));
        var dryRun = await _client.EcsAsync("CreateImage", ("RegionId", Hangzhou), ("SnapshotId", await CreateSnapshotAsync()), ("DryRun", "true"));
        var own = await _client.EcsAsync("DescribeImages", ("RegionId", Hangzhou), ("ImageOwnerAlias", "self"));

        Assert.Equal("The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied.",
            missing.String("Message"));
        Assert.Equal("InvalidSnapshotId.NotFound", unknown.Code);
        Assert.Equal("InvalidImageName.Malformed", badName.Code);
        Assert.Equal("DryRunOperation", dryRun.Code);
        Assert.Equal(0, own.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task DeleteImage_dry_run_keeps_image()
    {
        var imageId = await CreateImageAsync(await CreateSnapshotAsync());

        var dryRun = await _client.EcsAsync("DeleteImage", ("RegionId", Hangzhou), ("ImageId", imageId), ("DryRun", "true"));
        var shareDryRun = await _client.EcsAsync("ModifyImageSharePermission", ("RegionId", Hangzhou), ("ImageId", imageId), ("IsPublic", "true"),
            ("DryRun", "true"));
        var image = await DescribeImageAsync(Hangzhou, imageId);
        var delete = await _client.EcsAsync("DeleteImage", ("RegionId", Hangzhou), ("ImageId", imageId));
        var system = await _client.EcsAsync("DeleteImage", ("RegionId", Hangzhou), ("ImageId", "aliyun_3_x64_20G_alibase_20240819.vhd"));

        Assert.Equal("DryRunOperation", dryRun.Code);
        Assert.Equal("DryRunOperation", shareDryRun.Code);
        Assert.False(image.GetProperty("IsPublic").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal("Forbbiden", system.Code);
    }

    [Fact]
    public async Task CopyImage_follows_copy_rules()
    {
        var keyId = await CreateKeyAsync();
        var plainImage = await CreateImageAsync(await CreateSnapshotAsync());
        var encryptedImage = await CreateImageAsync(await CreateSnapshotAsync(("Encrypted", "true"), ("KMSKeyId", keyId)));

        var plainCopy = await CopyAsync(plainImage, Shanghai);
        var sameRegion = await CopyAsync(plainImage, Hangzhou);
        var decrypting = await CopyAsync(encryptedImage, Shanghai);
        var reEncrypted = await CopyAsync(encryptedImage, Hangzhou, ("Encrypted", "true"));
        var system = await CopyAsync("aliyun_3_x64_20G_alibase_20240819.vhd", Shanghai);
        var copied = await DescribeImageAsync(Shanghai, plainCopy.String("ImageId"));
        var reEncryptedImage = await DescribeImageAsync(Hangzhou, reEncrypted.String("ImageId"));
        var serviceKey = (await _client.KmsAsync("DescribeKey", ("KeyId", "alias/acs/ecs"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString();

        Assert.Equal(HttpStatusCode.OK, plainCopy.Status);
        Assert.True(copied.GetProperty("IsCopied").GetBoolean());
        Assert.False(copied.GetProperty("DiskDeviceMappings").GetProperty("DiskDeviceMapping")[0].GetProperty("Encrypted").GetBoolean());
        Assert.Equal("InvalidOperation.NotSupportCopyInSameRegion", sameRegion.Code);
        Assert.Equal("OperationDeined.EncryptedSnapshot", decrypting.Code);
        Assert.Equal(HttpStatusCode.Forbidden, decrypting.Status);
        Assert.Equal(serviceKey, reEncryptedImage.GetProperty("DiskDeviceMappings").GetProperty("DiskDeviceMapping")[0].GetProperty("KMSKeyId").GetString());
        Assert.Equal("Forbbiden", system.Code);
    }

    [Fact]
    public async Task Shared_image_copy_uses_recipient_keys()
    {
        var imageId = await CreateImageAsync(await CreateSnapshotAsync());
        var recipient = await _server.OtherAccountClientAsync();
        await recipient.KmsAsync("OpenKmsService");

        var share = await _client.EcsAsync("ModifyImageSharePermission", ("RegionId", Hangzhou), ("ImageId", imageId), ("AddAccount.1", "1600000000000002"));
        var permission = await _client.EcsAsync("DescribeImageSharePermission", ("RegionId", Hangzhou), ("ImageId", imageId));
        var seen = await recipient.EcsAsync("DescribeImages", ("RegionId", Hangzhou), ("ImageOwnerAlias", "others"));
        var acrossRegions = await recipient.EcsAsync("CopyImage", ("RegionId", Hangzhou), ("ImageId", imageId), ("DestinationRegionId", Shanghai),
            ("Encrypted", "true"));
        var copy = await recipient.EcsAsync("CopyImage", ("RegionId", Hangzhou), ("ImageId", imageId), ("Encrypted", "true"));
        var recipientServiceKey = (await recipient.KmsAsync("DescribeKey", ("KeyId", "alias/acs/ecs"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString();
        var copied = (await recipient.EcsAsync("DescribeImages", ("RegionId", Hangzhou), ("ImageId", copy.String("ImageId")), ("Status", "Available,Creating")))
            .Body.GetProperty("Images").GetProperty("Image")[0];
        var ownerDelete = await recipient.EcsAsync("DeleteImage", ("RegionId", Hangzhou), ("ImageId", imageId));

        Assert.Equal(HttpStatusCode.OK, share.Status);
        Assert.Equal("1600000000000002", permission.Body.GetProperty("Accounts").GetProperty("Account")[0].GetProperty("AliyunId").GetString());
        Assert.Equal(imageId, seen.Body.GetProperty("Images").GetProperty("Image")[0].GetProperty("ImageId").GetString());
        Assert.Equal("others", seen.Body.GetProperty("Images").GetProperty("Image")[0].GetProperty("ImageOwnerAlias").GetString());
        Assert.Equal("OperationDenied.SameRegionOnly", acrossRegions.Code);
        Assert.Equal(recipientServiceKey, copied.GetProperty("DiskDeviceMappings").GetProperty("DiskDeviceMapping")[0].GetProperty("KMSKeyId").GetString());
        Assert.Equal("InvalidImageId.NotFound", ownerDelete.Code);
    }

    [Fact]
    public async Task Encrypted_images_share_only_with_byok_keys()
    {
        var keyId = await CreateKeyAsync();
        var serviceKeyImage = await CreateImageAsync(await CreateSnapshotAsync(("Encrypted", "true")));
        var customKeyImage = await CreateImageAsync(await CreateSnapshotAsync(("Encrypted", "true"), ("KMSKeyId", keyId)));
        await _server.OtherAccountClientAsync();

        var serviceKeyShare = await Share(serviceKeyImage, ("AddAccount.1", "1600000000000002"));
        var customKeyShare = await Share(customKeyImage, ("AddAccount.1", "1600000000000002"));
        var publicShare = await Share(customKeyImage, ("IsPublic", "true"));
        var self = await Share(customKeyImage, ("RemoveAccount.1", TestServer.AccountId));
        var unknown = await Share(await CreateImageAsync(await CreateSnapshotAsync()), ("AddAccount.1", "1999999999999999"));

        Assert.Equal("InvalidOperation.ServiceKeyEncryptedImageUnsupported", serviceKeyShare.Code);
        Assert.Equal(HttpStatusCode.Forbidden, serviceKeyShare.Status);
        Assert.Equal("OperationDeined.EncryptedSnapshot", customKeyShare.Code);
        Assert.Equal("OperationDeined.EncryptedSnapshot", publicShare.Code);
        Assert.Equal("InvalidAccount.Forbbiden", self.Code);
        Assert.Equal("The specified account 1999999999999999 in parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist.", unknown.String("Message"));
    }

    private Task<ApiResponse> Share(string imageId, params (string Name, string Value)[] parameters) =>
        _client.EcsAsync("ModifyImageSharePermission", [("RegionId", Hangzhou), ("ImageId", imageId), .. parameters]);

    private Task<ApiResponse> CopyAsync(string imageId, string destination, params (string Name, string Value)[] parameters) =>
        _client.EcsAsync("CopyImage", [("RegionId", Hangzhou), ("ImageId", imageId), ("DestinationRegionId", destination), .. parameters]);

    private async Task<string> CreateKeyAsync() =>
        (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

    private async Task<string> CreateSnapshotAsync(params (string Name, string Value)[] diskParameters)
    {
        var disk = await _client.EcsAsync("CreateDisk",
            [("RegionId", Hangzhou), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"), ("Size", "40"), .. diskParameters]);
        Assert.True(disk.Status == HttpStatusCode.OK, $"CreateDisk failed: {disk.Body}");
        return (await _client.EcsAsync("CreateSnapshot", ("DiskId", disk.String("DiskId")))).String("SnapshotId");
    }

    private async Task<string> CreateImageAsync(string snapshotId)
    {
        var image = await _client.EcsAsync("CreateImage", ("RegionId", Hangzhou), ("SnapshotId", snapshotId));
        Assert.True(image.Status == HttpStatusCode.OK, $"CreateImage failed: {image.Body}");
        return image.String("ImageId");
    }

    private async Task<JsonElement> DescribeImageAsync(string region, string imageId) =>
        (await _client.EcsAsync("DescribeImages", ("RegionId", region), ("ImageId", imageId), ("Status", "Available,Creating")))
            .Body.GetProperty("Images").GetProperty("Image")[0];
}
