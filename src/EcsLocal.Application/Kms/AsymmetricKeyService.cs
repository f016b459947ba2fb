using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Kms;

/// <summary>The result of an asymmetric operation and the key version that performed it.</summary>
public sealed record AsymmetricResult(byte[] Value, string KeyId, string KeyVersionId);

/// <summary>
/// Asymmetric KMS keys with real key pairs: RSA_2048 and RSA_3072 sign (RSA_PSS_SHA_256, RSA_PKCS1_SHA_256) or encrypt
/// (RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256), EC_P256 and EC_P256K sign with ECDSA_SHA_256. The private key of each
/// version is made on first use and stored encrypted under the master key.
/// </summary>
public sealed class AsymmetricKeyService(IStore store, SecretProtector protector, TimeProvider time)
{
    public static readonly IReadOnlyList<string> SignAlgorithms = ["RSA_PSS_SHA_256", "RSA_PKCS1_SHA_256", "ECDSA_SHA_256"];
    public static readonly IReadOnlyList<string> EncryptAlgorithms = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"];

    public Task<Result<AsymmetricResult>> GetPublicKeyAsync(Caller caller, string regionId, string keyId, string? versionId, CancellationToken cancellationToken) =>
        RunAsync(caller, regionId, keyId, versionId, usage: null, algorithm: null, (pair, _) => pair.PublicKey, cancellationToken);

    public Task<Result<AsymmetricResult>> SignAsync(
        Caller caller, string regionId, string keyId, string? versionId, string algorithm, byte[] digest, CancellationToken cancellationToken) =>
        RunAsync(caller, regionId, keyId, versionId, KeyUsages.SignVerify, algorithm, (pair, _) => pair.Sign(algorithm, digest), cancellationToken);

    public Task<Result<AsymmetricResult>> VerifyAsync(
        Caller caller, string regionId, string keyId, string? versionId, string algorithm, byte[] digest, byte[] signature, CancellationToken cancellationToken) =>
        RunAsync(caller, regionId, keyId, versionId, KeyUsages.SignVerify, algorithm,
            (pair, _) => [pair.Verify(algorithm, digest, signature) ? (byte)1 : (byte)0], cancellationToken);

    public Task<Result<AsymmetricResult>> EncryptAsync(
        Caller caller, string regionId, string keyId, string? versionId, string algorithm, byte[] plaintext, CancellationToken cancellationToken) =>
        RunAsync(caller, regionId, keyId, versionId, KeyUsages.EncryptDecrypt, algorithm, (pair, _) => pair.Encrypt(algorithm, plaintext), cancellationToken);

    public Task<Result<AsymmetricResult>> DecryptAsync(
        Caller caller, string regionId, string keyId, string? versionId, string algorithm, byte[] ciphertext, CancellationToken cancellationToken) =>
        RunAsync(caller, regionId, keyId, versionId, KeyUsages.EncryptDecrypt, algorithm, (pair, _) => pair.Decrypt(algorithm, ciphertext), cancellationToken);

    private Task<Result<AsymmetricResult>> RunAsync(
        Caller caller, string regionId, string keyIdParameter, string? versionId, string? usage, string? algorithm,
        Func<KeyPair, KmsKey, byte[]?> operation, CancellationToken cancellationToken) =>
        store.WriteAsync<AsymmetricResult>(async session =>
        {
            var key = await UsableKeyAsync(session, caller, regionId, keyIdParameter, usage, algorithm);
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            var version = versionId ?? key.Value.PrimaryKeyVersion;
            var pair = await KeyPairAsync(session, key.Value, version);
            if (pair is null)
            {
                return ErrorCatalog.KeyNotFound;
            }

            var value = operation(pair, key.Value);
            return value is null ? ErrorCatalog.InvalidCiphertext : new AsymmetricResult(value, key.Value.Id, version);
        }, cancellationToken);

    private async Task<Result<KmsKey>> UsableKeyAsync(
        IStoreSession session, Caller caller, string regionId, string keyIdParameter, string? usage, string? algorithm)
    {
        if (!RegionCatalog.Exists(regionId))
        {
            return ErrorCatalog.InvalidRegionIdNotFound;
        }

        if (!await session.IsKmsActivatedAsync(caller.AccountId, regionId))
        {
            return ErrorCatalog.KmsServiceNotEnabled;
        }

        await session.DeleteKeysDueForDeletionAsync(caller.AccountId, regionId, time.GetUtcNow());
        var key = await KeyLookup.ResolveAsync(session, caller.AccountId, regionId, keyIdParameter);
        if (!key.IsSuccess)
        {
            return key;
        }

        return key.Value switch
        {
            { State: KeyState.Disabled } => ErrorCatalog.RejectedDisabled,
            { State: KeyState.PendingDeletion } => ErrorCatalog.RejectedPendingDeletion,
            { IsSymmetric: true } => ErrorCatalog.KeyNotAsymmetric,
            { KeySpec: "EC_SM2" } => ErrorCatalog.KeySpecNotSupported,
            _ when usage is not null && key.Value.KeyUsage != usage => ErrorCatalog.KeyUsageMismatch,
            _ when algorithm is not null && !KeyPair.Accepts(key.Value.KeySpec, algorithm) => ErrorCatalog.InvalidParameter.Format("Algorithm"),
            _ => key,
        };
    }

    private async Task<KeyPair?> KeyPairAsync(IStoreSession session, KmsKey key, string versionId)
    {
        var stored = await KeyVault.ReadMaterialAsync(session, protector, key, versionId);
        if (stored is not null)
        {
            return new KeyPair(key.KeySpec, stored);
        }

        if (versionId != key.PrimaryKeyVersion)
        {
            return null;
        }

        var privateKey = KeyPair.Generate(key.KeySpec);
        await session.InsertKeyVersionAsync(new KeyVersion(key.AccountId, key.RegionId, key.Id, versionId, time.GetUtcNow(),
            protector.Protect(Convert.ToBase64String(privateKey), $"{key.Id}/{versionId}")));
        return new KeyPair(key.KeySpec, privateKey);
    }
}
