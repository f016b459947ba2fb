using System.Net;
using System.Security.Cryptography;
using EcsLocal.Server.Tests.Support;
using EcsLocal.Storage.Tests;

namespace EcsLocal.Server.Tests;

/// <summary>Two server nodes on one PostgreSQL database, driven concurrently with signed HTTP.</summary>
public sealed class SharedStoreTests : IAsyncLifetime
{
    private PostgresTestDatabase? _database;
    private TestServer _first = null!;
    private TestServer _second = null!;

    public async Task InitializeAsync()
    {
        try
        {
            _database = await PostgresTestDatabase.CreateAsync();
        }
        catch (SkipException)
        {
            return;
        }

        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _first = await TestServer.StartAsync(postgresConnectionString: _database.ConnectionString, masterKey: masterKey);
        _second = await TestServer.StartAsync(postgresConnectionString: _database.ConnectionString, masterKey: masterKey);
    }

    public async Task DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        await _first.DisposeAsync();
        await _second.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _database.DisposeAsync();
    }

    [SkippableFact]
    public async Task Nodes_share_keys_settings_and_nonces()
    {
        RequireDatabase();
        var first = _first.Client();
        var second = _second.Client();
        await first.KmsAsync("OpenKmsService");
        var keyId = (await first.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await first.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        await second.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", keyId));

        var defaultKey = await first.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"));
        var used = await first.SendAsync("2014-05-26", "DescribeRegions", SignatureStyle.Acs3, [], nonce: "shared-nonce");
        var replayed = await second.SendAsync("2014-05-26", "DescribeRegions", SignatureStyle.Acs3, [], nonce: "shared-nonce");

        Assert.Equal(keyId, defaultKey.String("KMSKeyId"));
        Assert.Equal(HttpStatusCode.OK, used.Status);
        Assert.Equal("SignatureNonceUsed", replayed.Code);
    }

    [SkippableFact]
    public async Task Concurrent_enable_succeeds_once()
    {
        RequireDatabase();
        await _first.Client().KmsAsync("OpenKmsService");

        var results = await Task.WhenAll(
            _first.Client().EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou")),
            _second.Client().EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou")));

        Assert.Single(results, result => result.Status == HttpStatusCode.OK);
        Assert.Single(results, result => result.Code == "InvalidOperation.DefaultEncryptionAlreadyEnabled");
    }

    [SkippableFact]
    public async Task Concurrent_client_token_creates_one_disk()
    {
        RequireDatabase();
        (string, string)[] parameters = [("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"), ("Size", "40"), ("ClientToken", "one-disk")];

        var results = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? _first : _second).Client().EcsAsync("CreateDisk", parameters)));
        var disks = await _first.Client().EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        Assert.Single(results.Select(result => result.String("DiskId")).Distinct());
        Assert.Equal(1, disks.Body.GetProperty("TotalCount").GetInt32());
    }

    [SkippableFact]
    public async Task Default_key_change_racing_disk_creation_gives_old_or_new_key()
    {
        RequireDatabase();
        var admin = _first.Client();
        await admin.KmsAsync("OpenKmsService");
        await admin.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        var oldKey = (await admin.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"))).String("KMSKeyId");
        var newKey = (await admin.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        var creates = Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? _first : _second).Client()
            .EcsAsync("CreateDisk", ("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"), ("Size", "40"))).ToList();
        var modify = _second.Client().EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", newKey));
        await Task.WhenAll([.. creates, modify]);
        var disks = (await admin.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("PageSize", "100"))).Body.GetProperty("Disks").GetProperty("Disk");

        Assert.Equal(HttpStatusCode.OK, (await modify).Status);
        Assert.Equal(12, disks.GetArrayLength());
        Assert.All(disks.EnumerateArray(), disk => Assert.Contains(disk.GetProperty("KMSKeyId").GetString(), new[] { oldKey, newKey }));
    }

    [SkippableFact]
    public async Task Disabled_key_never_encrypts_a_later_disk()
    {
        RequireDatabase();
        var admin = _first.Client();
        await admin.KmsAsync("OpenKmsService");
        var keyId = (await admin.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        var creates = Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? _first : _second).Client()
            .EcsAsync("CreateDisk", ("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"), ("Size", "40"),
                ("Encrypted", "true"), ("KMSKeyId", keyId))).ToList();
        var disable = _second.Client().KmsAsync("DisableKey", ("KeyId", keyId));
        var results = await Task.WhenAll(creates);
        await disable;
        var after = await _first.Client().EcsAsync("CreateDisk", ("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"),
            ("Size", "40"), ("Encrypted", "true"), ("KMSKeyId", keyId));
        var disks = await admin.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("PageSize", "100"));

        Assert.All(results, result => Assert.True(result.Status == HttpStatusCode.OK || result.Code == "InvalidParameter.KMSKeyId.CMKNotEnabled"));
        Assert.Equal(results.Count(result => result.Status == HttpStatusCode.OK), disks.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal("InvalidParameter.KMSKeyId.CMKNotEnabled", after.Code);
    }

    private void RequireDatabase() => Skip.If(_database is null, $"{PostgresTestDatabase.ServerVariable} is not set; these tests need a PostgreSQL server.");
}
