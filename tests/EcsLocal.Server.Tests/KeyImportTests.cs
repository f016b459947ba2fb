using System.Net;
using System.Security.Cryptography;
using System.Text;
using EcsLocal.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcsLocal.Server.Tests;

public sealed class KeyImportTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly byte[] _material = RandomNumberGenerator.GetBytes(32);
    private TestServer _server = null!;
    private SignedClient _client = null!;
    private string _keyId = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(_time);
        _client = _server.Client();
        await _client.KmsAsync("OpenKmsService");
        _keyId = (await _client.KmsAsync("CreateKey", ("Origin", "EXTERNAL"))).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Imported_material_enables_the_key()
    {
        var before = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="));
        var parameters = await _client.KmsAsync("GetParametersForImport", ("KeyId", _keyId), ("WrappingAlgorithm", "RSAES_OAEP_SHA_256"),
            ("WrappingKeySpec", "RSA_2048"));

        var import = await ImportAsync(parameters, _material, RSAEncryptionPadding.OaepSHA256);
        var metadata = (await _client.KmsAsync("DescribeKey", ("KeyId", _keyId))).Body.GetProperty("KeyMetadata");
        var encrypted = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="));
        var decrypted = await _client.KmsAsync("Decrypt", ("CiphertextBlob", encrypted.String("CiphertextBlob")));

        Assert.Equal("Rejected.PendingImport", before.Code);
        Assert.Equal(_keyId, parameters.String("KeyId"));
        var expiry = DateTimeOffset.Parse(parameters.String("TokenExpireTime"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry, _time.GetUtcNow().AddHours(24).AddSeconds(-1), _time.GetUtcNow().AddHours(24));
        Assert.Equal(HttpStatusCode.OK, import.Status);
        Assert.Equal("Enabled", metadata.GetProperty("KeyState").GetString());
        Assert.Equal("aGVsbG8=", decrypted.String("Plaintext"));
    }

    [Fact]
    public async Task Import_rejects_wrong_token_length_and_origin()
    {
        var parameters = await ParametersAsync("RSAES_OAEP_SHA_1");
        var otherKey = (await _client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;

        var wrongToken = await _client.KmsAsync("ImportKeyMaterial", ("KeyId", _keyId), ("ImportToken", "bm90LWEtdG9rZW4="),
            ("EncryptedKeyMaterial", Wrap(parameters, _material, RSAEncryptionPadding.OaepSHA1)));
        var shortMaterial = await ImportAsync(parameters, new byte[16], RSAEncryptionPadding.OaepSHA1);
        var wrongPadding = await ImportAsync(parameters, _material, RSAEncryptionPadding.OaepSHA256);
        var nativeKey = await _client.KmsAsync("GetParametersForImport", ("KeyId", otherKey), ("WrappingAlgorithm", "RSAES_OAEP_SHA_1"),
            ("WrappingKeySpec", "RSA_2048"));
        var badAlgorithm = await _client.KmsAsync("GetParametersForImport", ("KeyId", _keyId), ("WrappingAlgorithm", "RSAES_PKCS1_V1_5"),
            ("WrappingKeySpec", "RSA_2048"));
        var pastExpiry = await ImportAsync(parameters, _material, RSAEncryptionPadding.OaepSHA1, expireUnix: "1");
        _time.Advance(TimeSpan.FromHours(25));
        var expired = await ImportAsync(parameters, _material, RSAEncryptionPadding.OaepSHA1);

        Assert.Equal("InvalidImportToken", wrongToken.Code);
        Assert.Equal("InvalidKeyMaterial", shortMaterial.Code);
        Assert.Equal("InvalidKeyMaterial", wrongPadding.Code);
        Assert.Equal("Unsupported.Origin", nativeKey.Code);
        Assert.Equal("InvalidParameter", badAlgorithm.Code);
        Assert.Equal("InvalidParameter", pastExpiry.Code);
        Assert.Equal("ExpiredImportToken", expired.Code);
        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
    }

    [Fact]
    public async Task Deleted_material_returns_only_with_same_material()
    {
        await ImportAsync(await ParametersAsync("RSAES_OAEP_SHA_256"), _material, RSAEncryptionPadding.OaepSHA256);
        var blob = (await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="))).String("CiphertextBlob");

        var delete = await _client.KmsAsync("DeleteKeyMaterial", ("KeyId", _keyId));
        var whileDeleted = await _client.KmsAsync("Decrypt", ("CiphertextBlob", blob));
        var otherMaterial = await ImportAsync(await ParametersAsync("RSAES_OAEP_SHA_256"), RandomNumberGenerator.GetBytes(32), RSAEncryptionPadding.OaepSHA256);
        var sameMaterial = await ImportAsync(await ParametersAsync("RSAES_OAEP_SHA_256"), _material, RSAEncryptionPadding.OaepSHA256);
        var reopened = await _client.KmsAsync("Decrypt", ("CiphertextBlob", blob));

        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal("Rejected.PendingImport", whileDeleted.Code);
        Assert.Equal("InvalidKeyMaterial", otherMaterial.Code);
        Assert.Equal(HttpStatusCode.OK, sameMaterial.Status);
        Assert.Equal("aGVsbG8=", reopened.String("Plaintext"));
    }

    [Fact]
    public async Task Material_expiry_returns_key_to_pending_import()
    {
        var expiresAt = _time.GetUtcNow().AddHours(2).ToUnixTimeSeconds();
        await ImportAsync(await ParametersAsync("RSAES_OAEP_SHA_256"), _material, RSAEncryptionPadding.OaepSHA256,
            expireUnix: expiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var beforeExpiry = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="));
        _time.Advance(TimeSpan.FromHours(3));
        var afterExpiry = await _client.KmsAsync("Encrypt", ("KeyId", _keyId), ("Plaintext", "aGVsbG8="));

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.Status);
        Assert.Equal("Rejected.PendingImport", afterExpiry.Code);
    }

    [Fact]
    public async Task Byok_encrypted_image_can_be_shared()
    {
        await ImportAsync(await ParametersAsync("RSAES_OAEP_SHA_256"), _material, RSAEncryptionPadding.OaepSHA256);
        await _server.OtherAccountClientAsync();
        var diskId = (await _client.EcsAsync("CreateDisk", ("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"),
            ("Size", "40"), ("Encrypted", "true"), ("KMSKeyId", _keyId))).String("DiskId");
        var snapshotId = (await _client.EcsAsync("CreateSnapshot", ("DiskId", diskId))).String("SnapshotId");
        var imageId = (await _client.EcsAsync("CreateImage", ("RegionId", "cn-hangzhou"), ("SnapshotId", snapshotId))).String("ImageId");

        var share = await _client.EcsAsync("ModifyImageSharePermission", ("RegionId", "cn-hangzhou"), ("ImageId", imageId), ("AddAccount.1", "1600000000000002"));
        var makePublic = await _client.EcsAsync("ModifyImageSharePermission", ("RegionId", "cn-hangzhou"), ("ImageId", imageId), ("IsPublic", "true"));

        Assert.Equal(HttpStatusCode.OK, share.Status);
        Assert.Equal("OperationDeined.EncryptedSnapshot", makePublic.Code);
    }

    private async Task<ApiResponse> ParametersAsync(string algorithm) =>
        await _client.KmsAsync("GetParametersForImport", ("KeyId", _keyId), ("WrappingAlgorithm", algorithm), ("WrappingKeySpec", "RSA_2048"));

    private Task<ApiResponse> ImportAsync(ApiResponse parameters, byte[] material, RSAEncryptionPadding padding, string expireUnix = "0") =>
        _client.KmsAsync("ImportKeyMaterial", ("KeyId", _keyId), ("ImportToken", parameters.String("ImportToken")),
            ("EncryptedKeyMaterial", Wrap(parameters, material, padding)), ("KeyMaterialExpireUnix", expireUnix));

    private static string Wrap(ApiResponse parameters, byte[] material, RSAEncryptionPadding padding)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(parameters.String("PublicKey")), out _);
        return Convert.ToBase64String(rsa.Encrypt(material, padding));
    }
}
