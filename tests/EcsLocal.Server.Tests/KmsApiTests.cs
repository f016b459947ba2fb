using System.Net;
using System.Text.Json;
using EcsLocal.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcsLocal.Server.Tests;

public sealed class KmsApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private TestServer _server = null!;
    private SignedClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(_time);
        _client = _server.Client();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Kms_actions_need_activation()
    {
        var before = await _client.KmsAsync("CreateKey");
        var open = await _client.KmsAsync("OpenKmsService");
        var openAgain = await _client.KmsAsync("OpenKmsService");
        var status = await _client.KmsAsync("DescribeAccountKmsStatus");

        Assert.Equal(HttpStatusCode.Forbidden, before.Status);
        Assert.Equal("Forbidden.KmsServiceNotEnabled", before.Code);
        Assert.Equal(403, before.Body.GetProperty("HttpStatus").GetInt32());
        Assert.Equal("kms.cn-hangzhou.aliyuncs.com", before.String("HostId"));
        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.Equal(HttpStatusCode.OK, openAgain.Status);
        Assert.Equal("Enabled", status.String("AccountStatus"));
    }

    [Fact]
    public async Task CreateKey_returns_full_metadata()
    {
        await _client.KmsAsync("OpenKmsService");

        var created = await _client.KmsAsync("CreateKey", ("Description", "ebs default key"), ("EnableAutomaticRotation", "true"), ("RotationInterval", "30d"));
        var metadata = created.Body.GetProperty("KeyMetadata");
        var keyId = metadata.GetProperty("KeyId").GetString()!;

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", keyId);
        Assert.Equal($"acs:kms:cn-hangzhou:{TestServer.AccountId}:key/{keyId}", metadata.GetProperty("Arn").GetString());
        Assert.Equal("Enabled", metadata.GetProperty("KeyState").GetString());
        Assert.Equal("Aliyun_AES_256", metadata.GetProperty("KeySpec").GetString());
        Assert.Equal("ENCRYPT/DECRYPT", metadata.GetProperty("KeyUsage").GetString());
        Assert.Equal("Aliyun_KMS", metadata.GetProperty("Origin").GetString());
        Assert.Equal("SOFTWARE", metadata.GetProperty("ProtectionLevel").GetString());
        Assert.Equal(TestServer.AccountId, metadata.GetProperty("Creator").GetString());
        Assert.Equal("2026-12-04T12:00:00Z", metadata.GetProperty("CreationDate").GetString());
        Assert.Equal("Enabled", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.Equal("2592000s", metadata.GetProperty("RotationInterval").GetString());
        Assert.Equal("2027-01-03T12:00:00Z", metadata.GetProperty("NextRotationDate").GetString());
        Assert.Equal("Disabled", metadata.GetProperty("DeletionProtection").GetString());
        Assert.False(metadata.TryGetProperty("DeleteDate", out _));
    }

    [Fact]
    public async Task Key_is_deleted_after_pending_window()
    {
        await _client.KmsAsync("OpenKmsService");
        var keyId = await CreateKeyAsync();
        await _client.KmsAsync("CreateAlias", ("AliasName", "alias/short-lived"), ("KeyId", keyId));

        var missingWindow = await _client.KmsAsync("ScheduleKeyDeletion", ("KeyId", keyId));
        var shortWindow = await _client.KmsAsync("ScheduleKeyDeletion", ("KeyId", keyId), ("PendingWindowInDays", "6"));
        var scheduled = await _client.KmsAsync("ScheduleKeyDeletion", ("KeyId", keyId), ("PendingWindowInDays", "7"));
        var pending = (await _client.KmsAsync("DescribeKey", ("KeyId", keyId))).Body.GetProperty("KeyMetadata");
        var enable = await _client.KmsAsync("EnableKey", ("KeyId", keyId));
        _time.Advance(TimeSpan.FromDays(7));
        var afterDeletion = await _client.KmsAsync("DescribeKey", ("KeyId", keyId));
        var aliasGone = await _client.KmsAsync("DescribeKey", ("KeyId", "alias/short-lived"));

        Assert.Equal("MissingParameter", missingWindow.Code);
        Assert.Equal("InvalidParameter", shortWindow.Code);
        Assert.Equal(HttpStatusCode.OK, scheduled.Status);
        Assert.Equal("PendingDeletion", pending.GetProperty("KeyState").GetString());
        Assert.Equal("2026-12-11T12:00:00Z", pending.GetProperty("DeleteDate").GetString());
        Assert.Equal(HttpStatusCode.Conflict, enable.Status);
        Assert.Equal("Rejected.PendingDeletion", enable.Code);
        Assert.Equal(HttpStatusCode.NotFound, afterDeletion.Status);
        Assert.Equal("Forbidden.KeyNotFound", afterDeletion.Code);
        Assert.Equal("Forbidden.AliasNotFound", aliasGone.Code);
    }

    [Fact]
    public async Task CancelKeyDeletion_restores_enabled()
    {
        await _client.KmsAsync("OpenKmsService");
        var keyId = await CreateKeyAsync();
        await _client.KmsAsync("ScheduleKeyDeletion", ("KeyId", keyId), ("PendingWindowInDays", "30"));

        var cancel = await _client.KmsAsync("CancelKeyDeletion", ("KeyId", keyId));
        var cancelAgain = await _client.KmsAsync("CancelKeyDeletion", ("KeyId", keyId));
        var state = await KeyStateAsync(keyId);

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("Rejected.StateModifiedFailed", cancelAgain.Code);
        Assert.Equal("Enabled", state);
    }

    [Fact]
    public async Task Deletion_protection_blocks_scheduling()
    {
        await _client.KmsAsync("OpenKmsService");
        var arn = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("Arn").GetString()!;

        var protect = await _client.KmsAsync("SetDeletionProtection", ("ProtectedResourceArn", arn), ("EnableDeletionProtection", "true"),
            ("DeletionProtectionDescription", "used by prod"));
        var schedule = await _client.KmsAsync("ScheduleKeyDeletion", ("KeyId", arn), ("PendingWindowInDays", "7"));
        var metadata = (await _client.KmsAsync("DescribeKey", ("KeyId", arn))).Body.GetProperty("KeyMetadata");

        Assert.Equal(HttpStatusCode.OK, protect.Status);
        Assert.Equal(HttpStatusCode.Conflict, schedule.Status);
        Assert.Equal("Rejected.StateModifiedFailed", schedule.Code);
        Assert.Equal("Enabled", metadata.GetProperty("DeletionProtection").GetString());
        Assert.Equal("used by prod", metadata.GetProperty("DeletionProtectionDescription").GetString());
    }

    [Fact]
    public async Task Service_key_is_protected_from_the_user()
    {
        await _client.KmsAsync("OpenKmsService");
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var userKey = await CreateKeyAsync();

        var disable = await _client.KmsAsync("DisableKey", ("KeyId", "alias/acs/ecs"));
        var schedule = await _client.KmsAsync("ScheduleKeyDeletion", ("KeyId", "alias/acs/ecs"), ("PendingWindowInDays", "7"));
        var realias = await _client.KmsAsync("UpdateAlias", ("AliasName", "alias/acs/ecs"), ("KeyId", userKey));
        var deleteAlias = await _client.KmsAsync("DeleteAlias", ("AliasName", "alias/acs/ecs"));
        var aliasToServiceKey = await _client.KmsAsync("CreateAlias", ("AliasName", "alias/mine"), ("KeyId", "alias/acs/ecs"));
        var serviceKeys = await _client.KmsAsync("ListKeys", ("Filters", """[{"Key":"CreatorType","Values":["Service"]}]"""));
        var byAlias = await _client.KmsAsync("ListKeys", ("Filters", """[{"Key":"AliasName","Values":["acs/ecs"]}]"""));

        Assert.Equal("Forbidden.NoPermission", disable.Code);
        Assert.Equal(HttpStatusCode.Forbidden, disable.Status);
        Assert.Equal("Forbidden.NoPermission", schedule.Code);
        Assert.Equal("Unsupported.Alias", realias.Code);
        Assert.Equal("Unsupported.Alias", deleteAlias.Code);
        Assert.Equal("Forbidden.NoPermission", aliasToServiceKey.Code);
        Assert.Equal(1, serviceKeys.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(1, byAlias.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal("Enabled", await KeyStateAsync("alias/acs/ecs"));
    }

    [Fact]
    public async Task Aliases_are_created_updated_listed_and_deleted()
    {
        await _client.KmsAsync("OpenKmsService");
        var first = await CreateKeyAsync();
        var second = await CreateKeyAsync();

        var create = await _client.KmsAsync("CreateAlias", ("AliasName", "alias/app"), ("KeyId", first));
        var duplicate = await _client.KmsAsync("CreateAlias", ("AliasName", "alias/app"), ("KeyId", second));
        var badName = await _client.KmsAsync("CreateAlias", ("AliasName", "app"), ("KeyId", first));
        var update = await _client.KmsAsync("UpdateAlias", ("AliasName", "alias/app"), ("KeyId", second));
        var ofSecond = await _client.KmsAsync("ListAliasesByKeyId", ("KeyId", second));
        var all = await _client.KmsAsync("ListAliases", ("PageSize", "1"));
        var delete = await _client.KmsAsync("DeleteAlias", ("AliasName", "alias/app"));
        var deleteAgain = await _client.KmsAsync("DeleteAlias", ("AliasName", "alias/app"));

        var alias = ofSecond.Body.GetProperty("Aliases").GetProperty("Alias")[0];
        Assert.Equal(HttpStatusCode.OK, create.Status);
        Assert.Equal("AliasAlreadyExists", duplicate.Code);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.Status);
        Assert.Equal("InvalidParameter", badName.Code);
        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal("alias/app", alias.GetProperty("AliasName").GetString());
        Assert.Equal($"acs:kms:cn-hangzhou:{TestServer.AccountId}:alias/app", alias.GetProperty("AliasArn").GetString());
        Assert.Equal(second, alias.GetProperty("KeyId").GetString());
        Assert.Equal(1, all.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(1, all.Body.GetProperty("PageSize").GetInt32());
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal("Forbidden.AliasNotFound", deleteAgain.Code);
    }

    [Fact]
    public async Task ListKeys_pages_and_filters()
    {
        await _client.KmsAsync("OpenKmsService");
        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            keys.Add(await CreateKeyAsync());
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await _client.KmsAsync("DisableKey", ("KeyId", keys[1]));

        var page2 = await _client.KmsAsync("ListKeys", ("PageNumber", "2"), ("PageSize", "2"));
        var disabled = await _client.KmsAsync("ListKeys", ("Filters", """[{"Key":"KeyState","Values":["Disabled"]}]"""));
        var badFilter = await _client.KmsAsync("ListKeys", ("Filters", """[{"Key":"Color","Values":["red"]}]"""));
        var badJson = await _client.KmsAsync("ListKeys", ("Filters", "[{"));
        var badPage = await _client.KmsAsync("ListKeys", ("PageSize", "101"));

        Assert.Equal(3, page2.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(2, page2.Body.GetProperty("PageNumber").GetInt32());
        Assert.Equal([keys[2]], page2.Body.GetProperty("Keys").GetProperty("Key").EnumerateArray().Select(key => key.GetProperty("KeyId").GetString()));
        Assert.Equal([keys[1]], disabled.Body.GetProperty("Keys").GetProperty("Key").EnumerateArray().Select(key => key.GetProperty("KeyId").GetString()));
        Assert.Equal("InvalidParameter", badFilter.Code);
        Assert.Equal("InvalidParameter", badJson.Code);
        Assert.Equal("InvalidParameter", badPage.Code);
    }

    [Fact]
    public async Task Host_names_the_kms_region()
    {
        var shanghai = _server.Client();
        shanghai.HostHeader = $"kms.cn-shanghai.ecslocal.test:{_server.BaseAddress.Port}";
        var unknown = _server.Client();
        unknown.HostHeader = $"kms.mars-north-1.ecslocal.test:{_server.BaseAddress.Port}";
        await shanghai.KmsAsync("OpenKmsService");

        var hangzhouStatus = await _client.KmsAsync("DescribeAccountKmsStatus");
        var keyId = (await shanghai.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        var fromShanghai = await shanghai.KmsAsync("DescribeKey", ("KeyId", keyId));
        await _client.KmsAsync("OpenKmsService");
        var fromHangzhou = await _client.KmsAsync("DescribeKey", ("KeyId", keyId));
        var unknownRegion = await unknown.KmsAsync("DescribeAccountKmsStatus");

        Assert.Equal("NotEnabled", hangzhouStatus.String("AccountStatus"));
        Assert.Equal(HttpStatusCode.OK, fromShanghai.Status);
        Assert.Equal("Forbidden.KeyNotFound", fromHangzhou.Code);
        Assert.Equal("InvalidRegionId.NotFound", unknownRegion.Code);
    }

    [Theory]
    [InlineData("KeySpec", "AES_999")]
    [InlineData("KeyUsage", "DECRYPT")]
    [InlineData("Origin", "HOMEMADE")]
    [InlineData("ProtectionLevel", "CLOUD")]
    [InlineData("EnableAutomaticRotation", "maybe")]
    public async Task CreateKey_rejects_invalid_values_and_creates_nothing(string name, string value)
    {
        await _client.KmsAsync("OpenKmsService");

        var response = await _client.KmsAsync("CreateKey", (name, value));
        var list = await _client.KmsAsync("ListKeys");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidParameter", response.Code);
        Assert.Equal($"The specified parameter \"{name}\" is not valid.", response.String("Message"));
        Assert.Equal(0, list.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task External_key_starts_pending_import()
    {
        await _client.KmsAsync("OpenKmsService");

        var created = await _client.KmsAsync("CreateKey", ("Origin", "EXTERNAL"));
        var keyId = created.Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        var disable = await _client.KmsAsync("DisableKey", ("KeyId", keyId));

        Assert.Equal("PendingImport", created.Body.GetProperty("KeyMetadata").GetProperty("KeyState").GetString());
        Assert.Equal("Rejected.PendingImport", disable.Code);
    }

    private async Task<string> CreateKeyAsync() =>
        (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

    private async Task<string?> KeyStateAsync(string keyId) =>
        (await _client.KmsAsync("DescribeKey", ("KeyId", keyId))).Body.GetProperty("KeyMetadata").GetProperty("KeyState").GetString();
}
