using System.Net;
using System.Text;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class KmsCryptoTests : IAsyncLifetime
{
    private static readonly string s_secret = Convert.ToBase64String(Encoding.UTF8.GetBytes("disk data key material"));

    private TestServer _server = null!;
    private SignedClient _client = null!;
    private string _keyId = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.Client();
        await _client.KmsAsync("OpenKmsService");
        _keyId = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Encrypt_then_decrypt_with_same_context()
    {
        var encrypted = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", s_secret), ("EncryptionContext", """{"disk":"d-1","b":"2"}"""));
        var decrypted = await _client.KmsAsync("Decrypt", ("CiphertextBlob", encrypted.String("CiphertextBlob")),
            ("EncryptionContext", """{"b":"2","disk":"d-1"}"""));
        var wrongContext = await _client.KmsAsync("Decrypt", ("CiphertextBlob", encrypted.String("CiphertextBlob")),
            ("EncryptionContext", """{"disk":"d-2","b":"2"}"""));
        var noContext = await _client.KmsAsync("Decrypt", ("CiphertextBlob", encrypted.String("CiphertextBlob")));
        var primaryVersion = (await _client.KmsAsync("DescribeKey", ("KeyId", _keyId))).Body.GetProperty("KeyMetadata").GetProperty("PrimaryKeyVersion").GetString();

        Assert.Equal(HttpStatusCode.OK, encrypted.Status);
        Assert.Equal(_keyId, encrypted.String("KeyId"));
        Assert.Equal(primaryVersion, encrypted.String("KeyVersionId"));
        Assert.DoesNotContain("disk data key material", Encoding.UTF8.GetString(Convert.FromBase64String(encrypted.String("CiphertextBlob"))), StringComparison.Ordinal);
        Assert.Equal(s_secret, decrypted.String("Plaintext"));
        Assert.Equal(_keyId, decrypted.String("KeyId"));
        Assert.Equal("InvalidCiphertext", wrongContext.Code);
        Assert.Equal("The specified Ciphertext is not valid.", wrongContext.String("Message"));
        Assert.Equal("InvalidCiphertext", noContext.Code);
    }

    [Fact]
    public async Task Key_state_and_tampering_are_rejected()
    {
        var blob = (await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", s_secret))).String("CiphertextBlob");
        var bytes = Convert.FromBase64String(blob);
        bytes[^1] ^= 0x01;

        var tampered = await _client.KmsAsync("Decrypt", ("CiphertextBlob", Convert.ToBase64String(bytes)));
        var garbage = await _client.KmsAsync("Decrypt", ("CiphertextBlob", "AAAA+/=="));
        await _client.KmsAsync("DisableKey", ("KeyId", _keyId));
        var disabledEncrypt = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", s_secret));
        var disabledDecrypt = await _client.KmsAsync("Decrypt", ("CiphertextBlob", blob));
        await _client.KmsAsync("EnableKey", ("KeyId", _keyId));
        var enabledAgain = await _client.KmsAsync("Decrypt", ("CiphertextBlob", blob));
        await _client.KmsAsync("ScheduleKeyDeletion", ("KeyId", _keyId), ("PendingWindowInDays", "7"));
        var pending = await _client.KmsAsync("Decrypt", ("CiphertextBlob", blob));

        Assert.Equal("InvalidCiphertext", tampered.Code);
        Assert.Equal("InvalidCiphertext", garbage.Code);
        Assert.Equal(HttpStatusCode.Conflict, disabledEncrypt.Status);
        Assert.Equal("Rejected.Disabled", disabledEncrypt.Code);
        Assert.Equal("Rejected.Disabled", disabledDecrypt.Code);
        Assert.Equal(s_secret, enabledAgain.String("Plaintext"));
        Assert.Equal("Rejected.PendingDeletion", pending.Code);
    }

    [Fact]
    public async Task Other_account_cannot_decrypt()
    {
        var blob = (await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", s_secret))).String("CiphertextBlob");
        var other = await _server.OtherAccountClientAsync();
        await other.KmsAsync("OpenKmsService");

        var response = await other.KmsAsync("Decrypt", ("CiphertextBlob", blob));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Forbidden.KeyNotFound", response.Code);
    }

    [Fact]
    public async Task Data_keys_have_requested_length_and_decrypt()
    {
        var aes256 = await _client.KmsAsync("GenerateDataKey", ("KeyId", _keyId));
        var aes128 = await _client.KmsAsync("GenerateDataKey", ("KeyId", _keyId), ("KeySpec", "AES_128"), ("EncryptionContext", """{"disk":"d-1"}"""));
        var sized = await _client.KmsAsync("GenerateDataKey", ("KeyId", _keyId), ("NumberOfBytes", "64"));
        var withoutPlaintext = await _client.KmsAsync("GenerateDataKeyWithoutPlaintext", ("KeyId", _keyId));
        var opened = await _client.KmsAsync("Decrypt", ("CiphertextBlob", aes128.String("CiphertextBlob")), ("EncryptionContext", """{"disk":"d-1"}"""));
        var badSpec = await _client.KmsAsync("GenerateDataKey", ("KeyId", _keyId), ("KeySpec", "AES_512"));
        var tooMany = await _client.KmsAsync("GenerateDataKey", ("KeyId", _keyId), ("NumberOfBytes", "1025"));

        Assert.Equal(32, Convert.FromBase64String(aes256.String("Plaintext")).Length);
        Assert.Equal(16, Convert.FromBase64String(aes128.String("Plaintext")).Length);
        Assert.Equal(64, Convert.FromBase64String(sized.String("Plaintext")).Length);
        Assert.False(withoutPlaintext.Body.TryGetProperty("Plaintext", out _));
        Assert.Equal(HttpStatusCode.OK, withoutPlaintext.Status);
        Assert.Equal(aes128.String("Plaintext"), opened.String("Plaintext"));
        Assert.Equal("InvalidParameter", badSpec.Code);
        Assert.Equal("InvalidParameter", tooMany.Code);
    }

    [Fact]
    public async Task ReEncrypt_moves_ciphertext_to_another_key()
    {
        var target = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _client.KmsAsync("CreateAlias", ("AliasName", "alias/target"), ("KeyId", target));
        var blob = (await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", s_secret), ("EncryptionContext", """{"a":"1"}"""))).String("CiphertextBlob");

        var moved = await _client.KmsAsync("ReEncrypt", ("CiphertextBlob", blob), ("SourceEncryptionContext", """{"a":"1"}"""),
            ("DestinationKeyId", "alias/target"), ("DestinationEncryptionContext", """{"b":"2"}"""));
        await _client.KmsAsync("DisableKey", ("KeyId", _keyId));
        var opened = await _client.KmsAsync("Decrypt", ("CiphertextBlob", moved.String("CiphertextBlob")), ("EncryptionContext", """{"b":"2"}"""));

        Assert.Equal(target, moved.String("KeyId"));
        Assert.Equal(s_secret, opened.String("Plaintext"));
    }

    [Theory]
    [InlineData("Plaintext", "not base64!", "InvalidParameter")]
    [InlineData("EncryptionContext", "[1,2]", "InvalidParameter")]
    [InlineData("EncryptionContext", """{"a":1}""", "InvalidParameter")]
    [InlineData("DryRun", "true", "DryRunOperation")]
    public async Task Encrypt_rejects_bad_input(string name, string value, string expectedCode)
    {
        var parameters = new Dictionary<string, string> { ["KeyId"] = _keyId, ["Plaintext"] = s_secret, [name] = value };

        var response = await _client.KmsAsync("Encrypt", [.. parameters.Select(pair => (pair.Key, pair.Value))]);

        Assert.Equal(expectedCode, response.Code);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Asymmetric_and_service_keys_behave_as_documented()
    {
        var rsa = (await _client.KmsAsync("CreateKey", ("KeySpec", "RSA_2048"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        await _client.EcsAsync("EnableDiskEncryptionByDefault", ("RegionId", "cn-hangzhou"));

        var asymmetric = await _client.KmsAsync("Encrypt", ("KeyId", rsa), ("Plaintext", s_secret));
        var serviceKey = await _client.KmsAsync("Encrypt", ("KeyId", "alias/acs/ecs"), ("Plaintext", s_secret));
        var tooLong = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", Convert.ToBase64String(new byte[6145])));

        Assert.Equal("InvalidParameter", asymmetric.Code);
        Assert.Equal(HttpStatusCode.OK, serviceKey.Status);
        Assert.Equal("InvalidParameter", tooLong.Code);
    }
}
