using System.Net;
using System.Security.Cryptography;
using System.Text;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class AsymmetricKeyTests : IAsyncLifetime
{
    private static readonly byte[] s_digest = SHA256.HashData(Encoding.UTF8.GetBytes("disk manifest"));
    private TestServer _server = null!;
    private SignedClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.Client();
        await _client.KmsAsync("OpenKmsService");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("RSA_2048", "RSA_PSS_SHA_256")]
    [InlineData("RSA_3072", "RSA_PKCS1_SHA_256")]
    [InlineData("EC_P256", "ECDSA_SHA_256")]
    [InlineData("EC_P256K", "ECDSA_SHA_256")]
    public async Task Signature_verifies_with_published_public_key(string keySpec, string algorithm)
    {
        var keyId = await CreateKeyAsync(keySpec, "SIGN/VERIFY");

        var signed = await _client.KmsAsync("AsymmetricSign", ("KeyId", keyId), ("Algorithm", algorithm), ("Digest", Convert.ToBase64String(s_digest)));
        var verified = await _client.KmsAsync("AsymmetricVerify", ("KeyId", keyId), ("Algorithm", algorithm),
            ("Digest", Convert.ToBase64String(s_digest)), ("Value", signed.String("Value")));
        var tampered = await _client.KmsAsync("AsymmetricVerify", ("KeyId", keyId), ("Algorithm", algorithm),
            ("Digest", Convert.ToBase64String(SHA256.HashData("other"u8))), ("Value", signed.String("Value")));
        var pem = (await _client.KmsAsync("GetPublicKey", ("KeyId", keyId))).String("PublicKey");

        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.True(verified.Body.GetProperty("Value").GetBoolean());
        Assert.False(tampered.Body.GetProperty("Value").GetBoolean());
        Assert.True(VerifyLocally(keySpec, algorithm, pem, Convert.FromBase64String(signed.String("Value"))));
    }

    [Fact]
    public async Task Rsa_encryption_opens_only_with_the_key()
    {
        var keyId = await CreateKeyAsync("RSA_2048", "ENCRYPT/DECRYPT");
        using var rsa = RSA.Create();
        rsa.ImportFromPem((await _client.KmsAsync("GetPublicKey", ("KeyId", keyId))).String("PublicKey"));
        var locallySealed = Convert.ToBase64String(rsa.Encrypt("data key"u8.ToArray(), RSAEncryptionPadding.OaepSHA256));

        var encrypted = await _client.KmsAsync("AsymmetricEncrypt", ("KeyId", keyId), ("Algorithm", "RSAES_OAEP_SHA_256"), ("Plaintext", "aGVsbG8="));
        var decrypted = await _client.KmsAsync("AsymmetricDecrypt", ("KeyId", keyId), ("Algorithm", "RSAES_OAEP_SHA_256"),
            ("CiphertextBlob", encrypted.String("CiphertextBlob")));
        var openedLocal = await _client.KmsAsync("AsymmetricDecrypt", ("KeyId", keyId), ("Algorithm", "RSAES_OAEP_SHA_256"), ("CiphertextBlob", locallySealed));
        var wrongPadding = await _client.KmsAsync("AsymmetricDecrypt", ("KeyId", keyId), ("Algorithm", "RSAES_OAEP_SHA_1"),
            ("CiphertextBlob", encrypted.String("CiphertextBlob")));

        Assert.Equal("aGVsbG8=", decrypted.String("Plaintext"));
        Assert.Equal("data key", Encoding.UTF8.GetString(Convert.FromBase64String(openedLocal.String("Plaintext"))));
        Assert.Equal("InvalidCiphertext", wrongPadding.Code);
    }

    [Fact]
    public async Task Unsuitable_keys_and_algorithms_are_rejected()
    {
        var symmetric = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
        var signing = await CreateKeyAsync("RSA_2048", "SIGN/VERIFY");
        var ec = await CreateKeyAsync("EC_P256", "SIGN/VERIFY");

        var onSymmetric = await _client.KmsAsync("GetPublicKey", ("KeyId", symmetric));
        var encryptWithSigningKey = await _client.KmsAsync("AsymmetricEncrypt", ("KeyId", signing), ("Algorithm", "RSAES_OAEP_SHA_256"), ("Plaintext", "aGk="));
        var rsaAlgorithmOnEc = await _client.KmsAsync("AsymmetricSign", ("KeyId", ec), ("Algorithm", "RSA_PSS_SHA_256"), ("Digest", Convert.ToBase64String(s_digest)));
        var unknownAlgorithm = await _client.KmsAsync("AsymmetricSign", ("KeyId", ec), ("Algorithm", "MD5"), ("Digest", Convert.ToBase64String(s_digest)));
        await _client.KmsAsync("DisableKey", ("KeyId", ec));
        var disabled = await _client.KmsAsync("AsymmetricSign", ("KeyId", ec), ("Algorithm", "ECDSA_SHA_256"), ("Digest", Convert.ToBase64String(s_digest)));

        Assert.Equal("InvalidParameter", onSymmetric.Code);
        Assert.Equal("InvalidParameter", encryptWithSigningKey.Code);
        Assert.Equal("InvalidParameter", rsaAlgorithmOnEc.Code);
        Assert.Equal("The specified parameter \"Algorithm\" is not valid.", unknownAlgorithm.String("Message"));
        Assert.Equal("Rejected.Disabled", disabled.Code);
    }

    private async Task<string> CreateKeyAsync(string keySpec, string usage) =>
        (await _client.KmsAsync("CreateKey", ("KeySpec", keySpec), ("KeyUsage", usage))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

    private static bool VerifyLocally(string keySpec, string algorithm, string pem, byte[] signature)
    {
        if (keySpec.StartsWith("EC", StringComparison.Ordinal))
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return ecdsa.VerifyHash(s_digest, signature, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa.VerifyHash(s_digest, signature, HashAlgorithmName.SHA256,
            algorithm == "RSA_PSS_SHA_256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
    }
}
