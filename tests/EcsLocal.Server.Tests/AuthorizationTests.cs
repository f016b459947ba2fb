using System.Net;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

/// <summary>RAM users' requests are authorized by their attached policies; the account's own key may do everything.</summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private const string Region = "cn-hangzhou";
    private const string ForbiddenRamMessage = "User not authorized to operate on the specified resource, or this API doesn't support RAM.";

    private TestServer _server = null!;
    private SignedClient _account = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _account = _server.Client();
        await _account.KmsAsync("OpenKmsService");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Read_only_policy_allows_reads_only()
    {
        var user = await _server.RamUserClientAsync("reader", "AliyunECSReadOnlyAccess");

        var described = await user.EcsAsync("DescribeDisks", ("RegionId", Region));
        var created = await CreateDiskAsync(user);
        var kms = await user.KmsAsync("ListKeys");

        Assert.Equal(HttpStatusCode.OK, described.Status);
        Assert.Equal(HttpStatusCode.Forbidden, created.Status);
        Assert.Equal("Forbidden.RAM", created.Code);
        Assert.Equal(ForbiddenRamMessage, created.String("Message"));
        Assert.Equal(0, (await _account.EcsAsync("DescribeDisks", ("RegionId", Region))).Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, kms.Status);
        Assert.Equal("Forbidden.NoPermission", kms.Code);
        Assert.Equal("This operation is forbidden by permission system.", kms.String("Message"));
    }

    [Fact]
    public async Task No_policy_denies_everything()
    {
        var user = await _server.RamUserClientAsync("nobody");

        var regions = await user.EcsAsync("DescribeRegions");
        var accountRegions = await _account.EcsAsync("DescribeRegions");

        Assert.Equal("Forbidden.RAM", regions.Code);
        Assert.Equal(HttpStatusCode.OK, accountRegions.Status);
    }

    [Fact]
    public async Task Explicit_deny_wins_over_allow()
    {
        var user = await _server.RamUserClientAsync("careful", "AliyunECSFullAccess",
            """{"Version":"1","Statement":[{"Effect":"Deny","Action":"ecs:DeleteDisk","Resource":"acs:ecs:*:*:disk/*"}]}""");
        var diskId = (await CreateDiskAsync(user)).String("DiskId");

        var deleted = await user.EcsAsync("DeleteDisk", ("DiskId", diskId));
        var deletedByAccount = await _account.EcsAsync("DeleteDisk", ("DiskId", diskId));

        Assert.Equal("Forbidden.RAM", deleted.Code);
        Assert.Equal(HttpStatusCode.OK, deletedByAccount.Status);
    }

    [Fact]
    public async Task Resource_arn_limits_to_one_disk()
    {
        var allowed = (await CreateDiskAsync(_account)).String("DiskId");
        var other = (await CreateDiskAsync(_account)).String("DiskId");
        var user = await _server.RamUserClientAsync("single",
            $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DeleteDisk","ecs:ResizeDisk"],"Resource":"acs:ecs:{{Region}}:*:disk/{{allowed}}"}]}""");

        var deletedOther = await user.EcsAsync("DeleteDisk", ("DiskId", other));
        var deletedAllowed = await user.EcsAsync("DeleteDisk", ("DiskId", allowed));

        Assert.Equal("Forbidden.RAM", deletedOther.Code);
        Assert.Equal(HttpStatusCode.OK, deletedAllowed.Status);
    }

    [Fact]
    public async Task Region_of_named_disk_is_used()
    {
        var shanghaiDisk = (await _account.EcsAsync("CreateDisk", ("RegionId", "cn-shanghai"), ("ZoneId", "cn-shanghai-b"), ("Size", "40"))).String("DiskId");
        var hangzhouOnly = await _server.RamUserClientAsync("hangzhou-only",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:DeleteDisk","Resource":"acs:ecs:cn-hangzhou:*:disk/*"}]}""");
        var shanghaiOnly = await _server.RamUserClientAsync("shanghai-only",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:DeleteDisk","Resource":"acs:ecs:cn-shanghai:*:disk/*"}]}""");

        var denied = await hangzhouOnly.EcsAsync("DeleteDisk", ("DiskId", shanghaiDisk));
        var allowed = await shanghaiOnly.EcsAsync("DeleteDisk", ("DiskId", shanghaiDisk));

        Assert.Equal("Forbidden.RAM", denied.Code);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
    }

    [Fact]
    public async Task Wildcards_match_actions()
    {
        var user = await _server.RamUserClientAsync("wild",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:Describe?isks","ecs:DescribeSnap*"],"Resource":"*"}]}""");

        var disks = await user.EcsAsync("DescribeDisks", ("RegionId", Region));
        var snapshots = await user.EcsAsync("DescribeSnapshots", ("RegionId", Region));
        var images = await user.EcsAsync("DescribeImages", ("RegionId", Region));

        Assert.Equal(HttpStatusCode.OK, disks.Status);
        Assert.Equal(HttpStatusCode.OK, snapshots.Status);
        Assert.Equal("Forbidden.RAM", images.Code);
    }

    [Fact]
    public async Task Encryption_condition_requires_encrypted_disks()
    {
        var user = await _server.RamUserClientAsync("encryptor",
            """
            {"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:CreateDisk","Resource":"*",
             "Condition":{"Bool":{"ecs:IsDiskEncrypted":"true"}}}]}
            """);

        var plain = await CreateDiskAsync(user);
        var encrypted = await CreateDiskAsync(user, ("Encrypted", "true"));
        await _account.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", Region));
        var byDefault = await CreateDiskAsync(user);

        Assert.Equal("Forbidden.RAM", plain.Code);
        Assert.Equal(HttpStatusCode.OK, encrypted.Status);
        Assert.Equal(HttpStatusCode.OK, byDefault.Status);
    }

    [Fact]
    public async Task Source_ip_condition_matches_loopback()
    {
        var local = await _server.RamUserClientAsync("local",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:DescribeRegions","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"127.0.0.0/8"}}}]}""");
        var remote = await _server.RamUserClientAsync("remote",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:DescribeRegions","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"192.0.2.0/24"}}}]}""");

        Assert.Equal(HttpStatusCode.OK, (await local.EcsAsync("DescribeRegions")).Status);
        Assert.Equal("Forbidden.RAM", (await remote.EcsAsync("DescribeRegions")).Code);
    }

    [Fact]
    public async Task Kms_key_arn_limits_encryption()
    {
        var allowed = await CreateKeyAsync();
        var other = await CreateKeyAsync();
        var user = await _server.RamUserClientAsync("crypto",
            $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt"],"Resource":"acs:kms:{{Region}}:*:key/{{allowed}}"}]}""");
        var plaintext = Convert.ToBase64String("secret"u8.ToArray());

        var sealedAllowed = await user.KmsAsync("Encrypt", ("KeyId", allowed), ("Plaintext", plaintext));
        var opened = await user.KmsAsync("Decrypt", ("CiphertextBlob", sealedAllowed.String("CiphertextBlob")));
        var sealedOther = await user.KmsAsync("Encrypt", ("KeyId", other), ("Plaintext", plaintext));
        var otherBlob = (await _account.KmsAsync("Encrypt", ("KeyId", other), ("Plaintext", plaintext))).String("CiphertextBlob");
        var openedOther = await user.KmsAsync("Decrypt", ("CiphertextBlob", otherBlob));

        Assert.Equal(HttpStatusCode.OK, sealedAllowed.Status);
        Assert.Equal(plaintext, opened.String("Plaintext"));
        Assert.Equal("Forbidden.NoPermission", sealedOther.Code);
        Assert.Equal("Forbidden.NoPermission", openedOther.Code);
    }

    [Fact]
    public async Task Default_encryption_config_is_a_resource()
    {
        var user = await _server.RamUserClientAsync("auditor",
            """
            {"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"acs:ecs:*:*:diskencryptiondefaultconfig/*"}]}
            """);

        var status = await user.EcsAsync("DescribeDiskEncryptionByDefaultStatus", ("RegionId", Region));
        var enable = await user.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", Region));
        var disks = await user.EcsAsync("DescribeDisks", ("RegionId", Region));

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.False(status.Body.GetProperty("Encrypted").GetBoolean());
        Assert.Equal("Forbidden.RAM", enable.Code);
        Assert.Equal("Forbidden.RAM", disks.Code);
    }

    [Fact]
    public async Task Denial_is_logged_without_secrets()
    {
        var user = await _server.RamUserClientAsync("logged");

        await user.EcsAsync("DescribeRegions");

        var line = Assert.Single(_server.Log.Lines, line => line.Contains("was denied by its policies", StringComparison.Ordinal));
        Assert.Contains("RAM user logged of account " + TestServer.AccountId, line, StringComparison.Ordinal);
        Assert.Contains(_server.Log.Lines, completed => completed.Contains(
            $"DescribeRegions by account {TestServer.AccountId} (RAM user logged) returned 403 Forbidden.RAM", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-of-logged", line, StringComparison.Ordinal);
    }

    private static Task<ApiResponse> CreateDiskAsync(SignedClient client, params (string Name, string Value)[] extra) =>
        client.EcsAsync("CreateDisk", [("RegionId", Region), ("ZoneId", "cn-hangzhou-i"), ("Size", "40"), .. extra]);

    private async Task<string> CreateKeyAsync() =>
        (await _account.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
}
