using System.Security.Cryptography;

namespace EcsLocal.Application.Kms;

/// <summary>The private key of one asymmetric key version, in PKCS#8, and the operations KMS offers with it.</summary>
internal sealed class KeyPair(string keySpec, byte[] pkcs8PrivateKey)
{
    private bool IsRsa => keySpec.StartsWith("RSA_", StringComparison.Ordinal);

    /// <summary>Makes a new private key for a key spec: RSA_2048, RSA_3072, EC_P256 (NIST P-256) or EC_P256K (secp256k1).</summary>
    public static byte[] Generate(string keySpec)
    {
        if (keySpec.StartsWith("RSA_", StringComparison.Ordinal))
        {
            using var rsa = RSA.Create(keySpec == "RSA_3072" ? 3072 : 2048);
            return rsa.ExportPkcs8PrivateKey();
        }

        using var ecdsa = ECDsa.Create(keySpec == "EC_P256K" ? ECCurve.CreateFromValue("1.3.132.0.10") : ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportPkcs8PrivateKey();
    }

    public static bool Accepts(string keySpec, string algorithm) => keySpec.StartsWith("RSA_", StringComparison.Ordinal)
        ? algorithm is "RSA_PSS_SHA_256" or "RSA_PKCS1_SHA_256" or "RSAES_OAEP_SHA_1" or "RSAES_OAEP_SHA_256"
        : algorithm == "ECDSA_SHA_256";

    /// <summary>Returns the public key as PEM (SubjectPublicKeyInfo), as GetPublicKey does.</summary>
    public byte[] PublicKey
    {
        get
        {
            using AsymmetricAlgorithm algorithm = IsRsa ? Rsa() : Ecdsa();
            return System.Text.Encoding.ASCII.GetBytes(algorithm.ExportSubjectPublicKeyInfoPem());
        }
    }

    public byte[] Sign(string algorithm, byte[] digest)
    {
        if (!IsRsa)
        {
            using var ecdsa = Ecdsa();
            return ecdsa.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = Rsa();
        return rsa.SignHash(digest, HashAlgorithmName.SHA256, algorithm == "RSA_PSS_SHA_256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
    }

    public bool Verify(string algorithm, byte[] digest, byte[] signature)
    {
        if (!IsRsa)
        {
            using var ecdsa = Ecdsa();
            return ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = Rsa();
        return rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256,
            algorithm == "RSA_PSS_SHA_256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
    }

    public byte[] Encrypt(string algorithm, byte[] plaintext)
    {
        using var rsa = Rsa();
        return rsa.Encrypt(plaintext, Padding(algorithm));
    }

    /// <summary>Decrypts; returns null when the ciphertext does not open with this key and padding.</summary>
    public byte[]? Decrypt(string algorithm, byte[] ciphertext)
    {
        using var rsa = Rsa();
        try
        {
            return rsa.Decrypt(ciphertext, Padding(algorithm));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static RSAEncryptionPadding Padding(string algorithm) =>
        algorithm == "RSAES_OAEP_SHA_1" ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256;

    private RSA Rsa()
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8PrivateKey, out _);
        return rsa;
    }

    private ECDsa Ecdsa()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8PrivateKey, out _);
        return ecdsa;
    }
}
