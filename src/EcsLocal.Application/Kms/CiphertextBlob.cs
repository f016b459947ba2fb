using System.Text;

namespace EcsLocal.Application.Kms;

/// <summary>
/// The ciphertext KMS returns: it names the key and key version that sealed it, so Decrypt needs no KeyId.
/// The bytes are the format byte 1, the key id and the version id (each a length byte and UTF-8 bytes), a 12-byte
/// nonce, the 16-byte AES-GCM tag and the ciphertext. The whole is sent as Base64.
/// </summary>
public sealed record CiphertextBlob(string KeyId, string VersionId, byte[] Nonce, byte[] Tag, byte[] Ciphertext)
{
    public const int NonceLength = 12;
    public const int TagLength = 16;
    private const byte FormatVersion = 1;

    public string Encode()
    {
        var keyId = Encoding.UTF8.GetBytes(KeyId);
        var versionId = Encoding.UTF8.GetBytes(VersionId);
        using var buffer = new MemoryStream();
        buffer.WriteByte(FormatVersion);
        buffer.WriteByte((byte)keyId.Length);
        buffer.Write(keyId);
        buffer.WriteByte((byte)versionId.Length);
        buffer.Write(versionId);
        buffer.Write(Nonce);
        buffer.Write(Tag);
        buffer.Write(Ciphertext);
        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>Parses a Base64 blob; returns null for anything that is not a blob of this format.</summary>
    public static CiphertextBlob? Decode(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }

        var data = bytes.AsSpan(0, length);
        if (data.Length < 3 || data[0] != FormatVersion)
        {
            return null;
        }

        var keyLength = data[1];
        if (data.Length < 2 + keyLength + 1)
        {
            return null;
        }

        var keyId = Encoding.UTF8.GetString(data.Slice(2, keyLength));
        var versionLength = data[2 + keyLength];
        var headerLength = 3 + keyLength + versionLength;
        if (data.Length < headerLength + NonceLength + TagLength)
        {
            return null;
        }

        var versionId = Encoding.UTF8.GetString(data.Slice(3 + keyLength, versionLength));
        var rest = data[headerLength..];
        return new CiphertextBlob(keyId, versionId, rest[..NonceLength].ToArray(), rest.Slice(NonceLength, TagLength).ToArray(),
            rest[(NonceLength + TagLength)..].ToArray());
    }
}
