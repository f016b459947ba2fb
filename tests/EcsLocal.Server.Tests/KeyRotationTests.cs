using System.Net;
using EcsLocal.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcsLocal.Server.Tests;

public sealed class KeyRotationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TestServer _server = null!;
    private SignedClient _client = null!;
    private string _keyId = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(_time);
        _client = _server.Client();
        await _client.KmsAsync("OpenKmsService");
        _keyId = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task New_version_encrypts_and_old_one_still_decrypts()
    {
        var old = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="));

        var created = await _client.KmsAsync("CreateKeyVersion", ("KeyId", _keyId));
        var newVersion = created.Body.GetProperty("KeyVersion").GetProperty("KeyVersionId").GetString();
        var fresh = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="));
        var openedOld = await _client.KmsAsync("Decrypt", ("CiphertextBlob", old.String("CiphertextBlob")));
        var versions = await _client.KmsAsync("ListKeyVersions", ("KeyId", _keyId));
        var described = await _client.KmsAsync("DescribeKeyVersion", ("KeyId", _keyId), ("KeyVersionId", newVersion!));
        var primary = (await _client.KmsAsync("DescribeKey", ("KeyId", _keyId))).Body.GetProperty("KeyMetadata").GetProperty("PrimaryKeyVersion").GetString();

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.NotEqual(old.String("KeyVersionId"), newVersion);
        Assert.Equal(newVersion, fresh.String("KeyVersionId"));
        Assert.Equal(newVersion, primary);
        Assert.Equal("aGVsbG8=", openedOld.String("Plaintext"));
        Assert.Equal(old.String("KeyVersionId"), openedOld.String("KeyVersionId"));
        Assert.Equal(2, versions.Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(_keyId, described.Body.GetProperty("KeyVersion").GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task Automatic_rotation_makes_version_after_interval()
    {
        var policy = await _client.KmsAsync("UpdateRotationPolicy", ("KeyId", _keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", "7d"));
        var first = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="));
        _time.Advance(TimeSpan.FromDays(8));
        var second = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="));
        var metadata = (await _client.KmsAsync("DescribeKey", ("KeyId", _keyId))).Body.GetProperty("KeyMetadata");
        var badInterval = await _client.KmsAsync("UpdateRotationPolicy", ("KeyId", _keyId), ("EnableAutomaticRotation", "true"), ("RotationInterval", "1d"));
        var missing = await _client.KmsAsync("UpdateRotationPolicy", ("KeyId", _keyId));

        Assert.Equal(HttpStatusCode.OK, policy.Status);
        Assert.NotEqual(first.String("KeyVersionId"), second.String("KeyVersionId"));
        Assert.Equal("Enabled", metadata.GetProperty("AutomaticRotation").GetString());
        Assert.Equal("604800s", metadata.GetProperty("RotationInterval").GetString());
        Assert.Equal("InvalidParameter", badInterval.Code);
        Assert.Equal("MissingParameter", missing.Code);
    }

    [Fact]
    public async Task Only_kms_made_symmetric_keys_rotate()
    {
        var external = (await _client.KmsAsync("CreateKey", ("Origin", "EXTERNAL"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));
        await _client.KmsAsync("DisableKey", ("KeyId", _keyId));

        var externalRotation = await _client.KmsAsync("CreateKeyVersion", ("KeyId", external));
        var serviceRotation = await _client.KmsAsync("CreateKeyVersion", ("KeyId", "alias/acs/ecs"));
        var disabledRotation = await _client.KmsAsync("CreateKeyVersion", ("KeyId", _keyId));

        Assert.Equal("Unsupported.Origin", externalRotation.Code);
        Assert.Equal("Forbidden.NoPermission", serviceRotation.Code);
        Assert.Equal("Rejected.Disabled", disabledRotation.Code);
    }
}
