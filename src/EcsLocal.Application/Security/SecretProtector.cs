using System.Security.Cryptography;
using System.Text;

namespace EcsLocal.Application.Security;

/// <summary>
/// Encrypts AccessKey secrets (and later key material) under the server master key with AES-256-GCM, so the
/// database alone does not reveal them. The AccessKey id is bound as associated data, so a protected secret
/// copied to another row does not decrypt.
/// </summary>
/// <remarks>Layout of a protected value: version byte 1, 12-byte nonce, 16-byte tag, ciphertext.</remarks>
public sealed class SecretProtector
{
    public const int MasterKeyLength = 32;

    private const byte FormatVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly byte[] _masterKey;

    public SecretProtector(byte[] masterKey)
    {
        if (masterKey.Length != MasterKeyLength)
        {
            throw new ArgumentException($"The master key must be {MasterKeyLength} bytes, not {masterKey.Length}.", nameof(masterKey));
        }

        _masterKey = masterKey;
    }

    public byte[] Protect(string secret, string associatedData)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var output = new byte[1 + NonceLength + TagLength + plaintext.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_masterKey, TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceLength + TagLength), output.AsSpan(1 + NonceLength, TagLength),
            Encoding.UTF8.GetBytes(associatedData));
        return output;
    }

    /// <summary>Decrypts a protected secret; throws <see cref="CryptographicException"/> when the master key or data differ.</summary>
    public string Unprotect(byte[] protectedValue, string associatedData)
    {
        if (protectedValue.Length < 1 + NonceLength + TagLength || protectedValue[0] != FormatVersion)
        {
            throw new CryptographicException("The protected secret has an unknown format.");
        }

        var plaintext = new byte[protectedValue.Length - 1 - NonceLength - TagLength];
        using var aes = new AesGcm(_masterKey, TagLength);
        aes.Decrypt(protectedValue.AsSpan(1, NonceLength), protectedValue.AsSpan(1 + NonceLength + TagLength),
            protectedValue.AsSpan(1 + NonceLength, TagLength), plaintext, Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plaintext);
    }
}
