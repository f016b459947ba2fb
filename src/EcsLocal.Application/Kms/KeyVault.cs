using System.Security.Cryptography;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Application.Kms;

/// <summary>
/// Seals and opens data with the material of a symmetric key version, AES-GCM with the EncryptionContext as associated
/// data. Material is stored encrypted under the server master key; this class is the only one that reads it for
/// symmetric cryptography.
/// </summary>
public sealed class KeyVault(SecretProtector protector)
{
    /// <summary>Seals <paramref name="plaintext"/> with the primary version of <paramref name="key"/>.</summary>
    public async Task<CiphertextBlob> SealAsync(IStoreSession session, KmsKey key, byte[] plaintext, byte[] context, DateTimeOffset now)
    {
        var material = await ReadMaterialAsync(session, protector, key, key.PrimaryKeyVersion)
            ?? await CreatePrimaryMaterialAsync(session, key, now)
            ?? throw new InvalidOperationException($"Key {key.Id} has no material for its primary version.");
        var nonce = RandomNumberGenerator.GetBytes(CiphertextBlob.NonceLength);
        var tag = new byte[CiphertextBlob.TagLength];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(material, CiphertextBlob.TagLength))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, context);
        }

        return new CiphertextBlob(key.Id, key.PrimaryKeyVersion, nonce, tag, ciphertext);
    }

    /// <summary>
    /// Opens a blob sealed by a version of <paramref name="key"/>. Returns null when the version is unknown or the
    /// ciphertext, tag or context does not match.
    /// </summary>
    public async Task<byte[]?> OpenAsync(IStoreSession session, KmsKey key, CiphertextBlob blob, byte[] context)
    {
        var material = await ReadMaterialAsync(session, protector, key, blob.VersionId);
        if (material is null)
        {
            return null;
        }

        var plaintext = new byte[blob.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(material, CiphertextBlob.TagLength);
            aes.Decrypt(blob.Nonce, blob.Ciphertext, blob.Tag, plaintext, context);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>Returns the stored material of a key version, or null when the version has none.</summary>
    public static async Task<byte[]?> ReadMaterialAsync(IStoreSession session, SecretProtector protector, KmsKey key, string versionId)
    {
        var version = await session.GetKeyVersionAsync(key.AccountId, key.RegionId, key.Id, versionId);
        return version is null ? null : Convert.FromBase64String(protector.Unprotect(version.ProtectedMaterial, $"{key.Id}/{versionId}"));
    }

    /// <summary>
    /// Creates the material of the primary version of a key made before material was stored, and of the service key,
    /// which ECS creates. Returns null for a key whose material the user imports.
    /// </summary>
    private async Task<byte[]?> CreatePrimaryMaterialAsync(IStoreSession session, KmsKey key, DateTimeOffset now)
    {
        if (key.Origin == KeyOrigins.External)
        {
            return null;
        }

        var material = RandomNumberGenerator.GetBytes(MaterialLength(key.KeySpec));
        await session.InsertKeyVersionAsync(new KeyVersion(key.AccountId, key.RegionId, key.Id, key.PrimaryKeyVersion, now,
            protector.Protect(Convert.ToBase64String(material), $"{key.Id}/{key.PrimaryKeyVersion}")));
        return material;
    }

    /// <summary>
    /// Returns the AES key length for a symmetric key spec. NOTE: Aliyun_SM4 keys use 16-byte AES-GCM material here,
    /// because .NET has no SM4; ciphertexts are not interchangeable with the real service's.
    /// </summary>
    private static int MaterialLength(string keySpec) => keySpec switch
    {
        "Aliyun_AES_128" or "Aliyun_SM4" => 16,
        "Aliyun_AES_192" => 24,
        _ => 32,
    };
}
