using System.Security.Cryptography;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Kms;

/// <summary>The wrapping public key and import token that GetParametersForImport returns.</summary>
public sealed record ImportParameters(string KeyId, string PublicKey, string ImportToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Bring your own key: keys created with Origin EXTERNAL wait in PendingImport until the owner imports 256-bit
/// material wrapped with a one-time RSA-2048 public key. Re-importing must bring the same material, so data sealed
/// before a DeleteKeyMaterial opens again.
/// </summary>
public sealed class KeyImportService(IStore store, SecretProtector protector, TimeProvider time)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);
    public static readonly IReadOnlyList<string> WrappingAlgorithms = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"];
    public const string WrappingKeySpec = "RSA_2048";

    public Task<Result<ImportParameters>> GetParametersForImportAsync(
        Caller caller, string regionId, string keyIdParameter, string wrappingAlgorithm, CancellationToken cancellationToken) =>
        store.WriteAsync<ImportParameters>(async session =>
        {
            var key = await ExternalKeyAsync(session, caller, regionId, keyIdParameter);
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            using var rsa = RSA.Create(2048);
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var expiresAt = time.GetUtcNow() + TokenLifetime;
            var privateKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()), token);
            await session.InsertImportTokenAsync(new ImportToken(token, caller.AccountId, regionId, key.Value.Id, wrappingAlgorithm, privateKey, expiresAt));
            return new ImportParameters(key.Value.Id, Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), token, expiresAt);
        }, cancellationToken);

    /// <summary>Unwraps and installs material; <paramref name="expireUnix"/> 0 means the material never expires.</summary>
    public Task<Result<Unit>> ImportKeyMaterialAsync(
        Caller caller, string regionId, string keyIdParameter, byte[] wrappedMaterial, string token, long expireUnix, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var key = await ExternalKeyAsync(session, caller, regionId, keyIdParameter);
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            var now = time.GetUtcNow();
            var material = await UnwrapAsync(session, key.Value, token, wrappedMaterial, now);
            if (!material.IsSuccess)
            {
                return material.Error;
            }

            var expiresAt = expireUnix == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(expireUnix);
            if (expiresAt <= now)
            {
                return ErrorCatalog.InvalidParameter.Format("KeyMaterialExpireUnix");
            }

            var installed = await InstallAsync(session, key.Value, material.Value, now);
            if (!installed.IsSuccess)
            {
                return installed.Error;
            }

            var state = key.Value.State == KeyState.Disabled ? KeyState.Disabled : KeyState.Enabled;
            await session.UpdateKeyAsync(installed.Value with { State = state, MaterialExpireTime = expiresAt });
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);

    public Task<Result<Unit>> DeleteKeyMaterialAsync(Caller caller, string regionId, string keyIdParameter, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var key = await ExternalKeyAsync(session, caller, regionId, keyIdParameter);
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            await session.UpdateKeyAsync(key.Value with { State = KeyState.PendingImport, MaterialExpireTime = null });
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);

    private async Task<Result<KmsKey>> ExternalKeyAsync(IStoreSession session, Caller caller, string regionId, string keyIdParameter)
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

        if (key.Value.Origin != KeyOrigins.External)
        {
            return ErrorCatalog.UnsupportedOrigin;
        }

        return key.Value.State == KeyState.PendingDeletion ? ErrorCatalog.RejectedPendingDeletion : key;
    }

    private async Task<Result<byte[]>> UnwrapAsync(IStoreSession session, KmsKey key, string token, byte[] wrapped, DateTimeOffset now)
    {
        var stored = await session.GetImportTokenAsync(token);
        if (stored is null || stored.KeyId != key.Id || stored.AccountId != key.AccountId || stored.RegionId != key.RegionId)
        {
            return ErrorCatalog.InvalidImportToken;
        }

        if (stored.ExpiresAt <= now)
        {
            return ErrorCatalog.ExpiredImportToken;
        }

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(stored.ProtectedPrivateKey, token)), out _);
        var padding = stored.WrappingAlgorithm == "RSAES_OAEP_SHA_256" ? RSAEncryptionPadding.OaepSHA256 : RSAEncryptionPadding.OaepSHA1;
        try
        {
            var material = rsa.Decrypt(wrapped, padding);
            return material.Length == 32 ? material : ErrorCatalog.InvalidKeyMaterial;
        }
        catch (CryptographicException)
        {
            return ErrorCatalog.InvalidKeyMaterial;
        }
    }

    /// <summary>Stores material as the key's primary version; a key that had material accepts only the same material again.</summary>
    private async Task<Result<KmsKey>> InstallAsync(IStoreSession session, KmsKey key, byte[] material, DateTimeOffset now)
    {
        if (key.PrimaryKeyVersion.Length > 0)
        {
            var existing = await KeyVault.ReadMaterialAsync(session, protector, key, key.PrimaryKeyVersion);
            return existing is not null && CryptographicOperations.FixedTimeEquals(existing, material) ? key : ErrorCatalog.InvalidKeyMaterial;
        }

        var versionId = KeyLookup.NewKeyId();
        await session.InsertKeyVersionAsync(new KeyVersion(key.AccountId, key.RegionId, key.Id, versionId, now,
            protector.Protect(Convert.ToBase64String(material), $"{key.Id}/{versionId}")));
        return key with { PrimaryKeyVersion = versionId };
    }
}
