using System.Net;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class DefaultEncryptionApiTests : IAsyncLifetime
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
    public async Task Enable_without_kms_is_rejected_and_changes_nothing()
    {
        var enable = await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var status = await _client.EcsAsync("DescribeDiskEncryptionByDefaultStatus", ("RegionId", "cn-hangzhou"));

        Assert.Equal(HttpStatusCode.BadRequest, enable.Status);
        Assert.Equal("InvalidParameter.KmsNotEnabled", enable.Code);
        Assert.Equal("Failed to perform this operation because KMS is not activated.", enable.String("Message"));
        Assert.False(status.Body.GetProperty("Encrypted").GetBoolean());
    }

    [Fact]
    public async Task Enable_uses_service_key_then_modify_and_reset()
    {
        await _client.KmsAsync("OpenKmsService");
        var neverEnabled = await _client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"));

        var enable = await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var again = await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var serviceKeyId = (await _client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"))).String("KMSKeyId");
        var serviceKey = await _client.KmsAsync("DescribeKey", ("KeyId", "alias/acs/ecs"));
        var customKey = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _client.KmsAsync("CreateAlias", ("AliasName", "alias/ebs"), ("KeyId", customKey));
        var modify = await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", "alias/ebs"));
        var afterModify = (await _client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"))).String("KMSKeyId");
        var reset = await _client.EcsAsync("ResetDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"));
        var afterReset = (await _client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"))).String("KMSKeyId");

        Assert.Equal("", neverEnabled.String("KMSKeyId"));
        Assert.Equal(HttpStatusCode.OK, enable.Status);
        Assert.Equal("InvalidOperation.DefaultEncryptionAlreadyEnabled", again.Code);
        Assert.Equal(HttpStatusCode.Forbidden, again.Status);
        Assert.Equal(serviceKeyId, serviceKey.Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
        Assert.Equal("Ecs", serviceKey.Body.GetProperty("KeyMetadata").GetProperty("Creator").GetString());
        Assert.Equal(HttpStatusCode.OK, modify.Status);
        Assert.Equal(customKey, afterModify);
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(serviceKeyId, afterReset);
    }

    [Fact]
    public async Task Disable_keeps_default_key_for_next_enable()
    {
        await _client.KmsAsync("OpenKmsService");
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var keyId = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("Arn").GetString()!;
        await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", keyId));

        var disable = await _client.EcsAsync("DisableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var disableAgain = await _client.EcsAsync("DisableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var statusOff = await _client.EcsAsync("DescribeDiskEncryptionByDefaultStatus", ("RegionId", "cn-hangzhou"));
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var keyAfter = (await _client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"))).String("KMSKeyId");

        Assert.Equal(HttpStatusCode.OK, disable.Status);
        Assert.Equal("InvalidDefaultEncryption.NotFound", disableAgain.Code);
        Assert.False(statusOff.Body.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(keyId.Split("key/")[1], keyAfter);
    }

    [Fact]
    public async Task Enable_rechecks_stored_customer_key()
    {
        await _client.KmsAsync("OpenKmsService");
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var keyId = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", keyId));
        await _client.EcsAsync("DisableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var administration = await _server.AdministrationAsync();

        await administration.SetRoleAsync(TestServer.AccountId, "AliyunECSDiskEncryptDefaultRole", false, CancellationToken.None);
        var withoutRole = await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        await administration.SetRoleAsync(TestServer.AccountId, "AliyunECSDiskEncryptDefaultRole", true, CancellationToken.None);
        await _client.KmsAsync("DisableKey", ("KeyId", keyId));
        var disabledKey = await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        await _client.KmsAsync("EnableKey", ("KeyId", keyId));
        var enabled = await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));

        Assert.Equal("InvalidParameter.KMSKeyId.KMSUnauthorized", withoutRole.Code);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.Status);
        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", disabledKey.Code);
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
    }

    [Fact]
    public async Task Modify_checks_key_in_service_order()
    {
        await _client.KmsAsync("OpenKmsService");
        var notOn = await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", "alias/none"));
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var rsa = (await _client.KmsAsync("CreateKey", ("KeySpec", "RSA_2048"), ("KeyUsage", "ENCRYPT/DECRYPT"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        var disabled = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _client.KmsAsync("DisableKey", ("KeyId", disabled));

        var missing = await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", "0e478b7a-4262-4802-b8cb-00d3fb408268"));
        var asymmetric = await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", rsa));
        var notEnabled = await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", disabled));
        var noKeyParameter = await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"));
        var tooLong = await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", new string('k', 600)));

        Assert.Equal("InvalidDefaultEncryption.NotFound", notOn.Code);
        Assert.Equal("InvalidOperation.KMSKeyIdNotFound", missing.Code);
        Assert.Equal("The specified KMSKeyId not found, 0e478b7a-4262-4802-b8cb-00d3fb408268.", missing.String("Message"));
        Assert.Equal(HttpStatusCode.Forbidden, missing.Status);
        Assert.Equal("InvalidKMSKeyId.NotSymmetric", asymmetric.Code);
        Assert.Equal(HttpStatusCode.BadRequest, asymmetric.Status);
        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", notEnabled.Code);
        Assert.Equal(HttpStatusCode.Forbidden, notEnabled.Status);
        Assert.Equal("MissingParameter", noKeyParameter.Code);
        Assert.Equal("InvalidParameter", tooLong.Code);
    }

    [Fact]
    public async Task Key_of_another_region_is_not_found()
    {
        await _client.KmsAsync("OpenKmsService");
        var shanghai = _server.Client();
        shanghai.HostHeader = $"kms.cn-shanghai.ecslocal.test:{_server.BaseAddress.Port}";
        await shanghai.KmsAsync("OpenKmsService");
        var shanghaiKey = (await shanghai.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata");
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));

        var response = await _client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", shanghaiKey.GetProperty("KeyId").GetString()!));

        Assert.StartsWith("acs:kms:cn-shanghai:1500000000000001:key/", shanghaiKey.GetProperty("Arn").GetString(), StringComparison.Ordinal);
        Assert.Equal("InvalidOperation.KMSKeyIdNotFound", response.Code);
    }

    [Theory]
    [InlineData("EnableDiskEncryptionByDefault")]
    [InlineData("DisableDiskEncryptionByDefault")]
    [InlineData("DescribeDiskEncryptionByDefaultStatus")]
    [InlineData("ResetDiskDefaultKMSKeyId")]
    [InlineData("DescribeDiskDefaultKMSKeyId")]
    public async Task Unknown_region_is_rejected_by_every_action(string action)
    {
        var unknown = await _client.EcsAsync(action, ("RegionId", "mars-north-1"));
        var missing = await _client.EcsAsync(action);

        Assert.Equal(HttpStatusCode.Forbidden, unknown.Status);
        Assert.Equal("InvalidParameter.RegionIdNotExists", unknown.Code);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("MissingParameter", missing.Code);
        Assert.Equal("The input parameter \"RegionId\" that is mandatory for processing this request is not supplied.", missing.String("Message"));
    }

    [Fact]
    public async Task DescribeRegions_names_regions_in_both_languages()
    {
        var chinese = await _client.EcsAsync("DescribeRegions");
        var english = await _client.EcsAsync("DescribeRegions", ("AcceptLanguage", "en-US"));

        var regions = chinese.Body.GetProperty("Regions").GetProperty("Region");
        var hangzhou = regions.EnumerateArray().Single(region => region.GetProperty("RegionId").GetString() == "cn-hangzhou");
        var englishHangzhou = english.Body.GetProperty("Regions").GetProperty("Region").EnumerateArray()
            .Single(region => region.GetProperty("RegionId").GetString() == "cn-hangzhou");
        Assert.Equal(29, regions.GetArrayLength());
        Assert.Equal("华东1（杭州）", hangzhou.GetProperty("LocalName").GetString());
        Assert.Equal("ecs.aliyuncs.com", hangzhou.GetProperty("RegionEndpoint").GetString());
        Assert.Equal("available", hangzhou.GetProperty("Status").GetString());
        Assert.Equal("China (Hangzhou)", englishHangzhou.GetProperty("LocalName").GetString());
    }
}
