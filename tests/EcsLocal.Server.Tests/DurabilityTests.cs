using System.Net;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Restart_keeps_keys_aliases_and_region_settings()
    {
        await using var server = await TestServer.StartAsync();
        var client = server.Client();
        await client.KmsAsync("OpenKmsService");
        var keyId = (await client.KmsAsync("CreateKey", ("Description", "survives restarts"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await client.KmsAsync("CreateAlias", ("AliasName", "alias/durable"), ("KeyId", keyId));
        await client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        await client.EcsAsync("ModifyDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"), ("KMSKeyId", "alias/durable"));
        var usedNonce = await client.SendAsync("2014-05-26", "DescribeRegions", SignatureStyle.Acs3, [], nonce: "restart-nonce");

        await server.StopAsync();
        await server.StartAsync();
        client = server.Client();

        var key = await client.KmsAsync("DescribeKey", ("KeyId", "alias/durable"));
        var status = await client.EcsAsync("DescribeDiskEncryptionByDefaultStatus", ("RegionId", "cn-hangzhou"));
        var defaultKey = await client.EcsAsync("DescribeDiskDefaultKMSKeyId", ("RegionId", "cn-hangzhou"));
        var replay = await client.SendAsync("2014-05-26", "DescribeRegions", SignatureStyle.Acs3, [], nonce: "restart-nonce");

        Assert.Equal(HttpStatusCode.OK, usedNonce.Status);
        Assert.Equal(keyId, key.Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString());
        Assert.Equal("survives restarts", key.Body.GetProperty("KeyMetadata").GetProperty("Description").GetString());
        Assert.True(status.Body.GetProperty("Encrypted").GetBoolean());
        Assert.Equal(keyId, defaultKey.String("KMSKeyId"));
        Assert.Equal("SignatureNonceUsed", replay.Code);
    }

    [Fact]
    public async Task Data_directory_holds_no_plain_secret()
    {
        await using var server = await TestServer.StartAsync();
        await server.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        foreach (var file in Directory.GetFiles(server.DataDirectory))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var text = System.Text.Encoding.Latin1.GetString(bytes);

            Assert.DoesNotContain(TestServer.Secret, text, StringComparison.Ordinal);
        }

        var masterKey = new FileInfo(Path.Combine(server.DataDirectory, "master.key"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, masterKey.UnixFileMode);
    }
}
