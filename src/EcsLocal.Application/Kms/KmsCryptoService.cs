using System.Security.Cryptography;
using System.Text;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Kms;

/// <summary>A sealed result: the blob and the key and version that sealed it, and the plaintext when the caller asked for it.</summary>
public sealed record SealedData(string CiphertextBlob, string KeyId, string KeyVersionId, byte[]? Plaintext);

/// <summary>An opened result: the plaintext and the key and version that had sealed it.</summary>
public sealed record OpenedData(byte[] Plaintext, string KeyId, string KeyVersionId);

/// <summary>
/// KMS cryptography with AES-GCM under each symmetric key's material. The EncryptionContext is bound as associated
/// data, so a ciphertext opens only with the same context. Key material is stored encrypted under the server master key.
/// </summary>
public sealed class KmsCryptoService(IStore store, SecretProtector protector, TimeProvider time)
{
    public const int MaxPlaintextBytes = 6144;

    private readonly KeyVault _vault = new(protector);

    public Task<Result<SealedData>> EncryptAsync(
        Caller caller, string regionId, string keyIdParameter, byte[] plaintext, byte[] context, CancellationToken cancellationToken) =>
        store.WriteAsync(session => SealAsync(session, caller, regionId, keyIdParameter, plaintext, context, returnPlaintext: false), cancellationToken);

    /// <summary>Makes a random data key of <paramref name="length"/> bytes and seals it under the key.</summary>
    public Task<Result<SealedData>> GenerateDataKeyAsync(
        Caller caller, string regionId, string keyIdParameter, int length, byte[] context, bool returnPlaintext, CancellationToken cancellationToken) =>
        store.WriteAsync(session => SealAsync(session, caller, regionId, keyIdParameter, RandomNumberGenerator.GetBytes(length), context, returnPlaintext),
            cancellationToken);

    public Task<Result<OpenedData>> DecryptAsync(Caller caller, string regionId, string blob, byte[] context, CancellationToken cancellationToken) =>
        store.WriteAsync(session => OpenAsync(session, caller, regionId, blob, context), cancellationToken);

    /// <summary>Opens a ciphertext and seals its plaintext under another key, or under the same key's current version.</summary>
    public Task<Result<SealedData>> ReEncryptAsync(
        Caller caller, string regionId, string blob, byte[] sourceContext, string destinationKeyId, byte[] destinationContext, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var opened = await OpenAsync(session, caller, regionId, blob, sourceContext);
            return opened.IsSuccess
                ? await SealAsync(session, caller, regionId, destinationKeyId, opened.Value.Plaintext, destinationContext, returnPlaintext: false)
                : opened.Error;
        }, cancellationToken);

    /// <summary>
    /// Serializes an EncryptionContext of string values in key order, so the same context always gives the same
    /// associated data. Returns null when the JSON is not an object of strings.
    /// </summary>
    public static byte[]? CanonicalContext(System.Text.Json.JsonElement? context)
    {
        if (context is not { } value)
        {
            return [];
        }

        if (value.ValueKind != System.Text.Json.JsonValueKind.Object ||
            value.EnumerateObject().Any(property => property.Value.ValueKind != System.Text.Json.JsonValueKind.String))
        {
            return null;
        }

        var sorted = value.EnumerateObject().OrderBy(property => property.Name, StringComparer.Ordinal)
            .ToDictionary(property => property.Name, property => property.Value.GetString());
        return Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(sorted));
    }

    private async Task<Result<SealedData>> SealAsync(
        IStoreSession session, Caller caller, string regionId, string keyIdParameter, byte[] plaintext, byte[] context, bool returnPlaintext)
    {
        var key = await UsableKeyAsync(session, caller, regionId, keyIdParameter);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var current = await RotateIfDueAsync(session, key.Value);
        var blob = await _vault.SealAsync(session, current, plaintext, context, time.GetUtcNow());
        return new SealedData(blob.Encode(), current.Id, current.PrimaryKeyVersion, returnPlaintext ? plaintext : null);
    }

    /// <summary>Makes a new primary version when automatic rotation is on and the interval has passed since the newest version.</summary>
    private async Task<KmsKey> RotateIfDueAsync(IStoreSession session, KmsKey key)
    {
        if (!key.AutomaticRotation || key.RotationIntervalSeconds is not { } interval || key.Origin != KeyOrigins.AliyunKms)
        {
            return key;
        }

        var versions = await session.ListKeyVersionsAsync(key.AccountId, key.RegionId, key.Id);
        var newest = versions.Count == 0 ? key.CreationDate : versions.Max(version => version.CreationDate);
        var now = time.GetUtcNow();
        if (newest.AddSeconds(interval) > now)
        {
            return key;
        }

        var version = await KeyRotationService.RotateAsync(session, protector, key, now);
        return key with { PrimaryKeyVersion = version.Value.VersionId };
    }

    private async Task<Result<OpenedData>> OpenAsync(IStoreSession session, Caller caller, string regionId, string encoded, byte[] context)
    {
        var blob = CiphertextBlob.Decode(encoded);
        if (blob is null)
        {
            return ErrorCatalog.InvalidCiphertext;
        }

        var key = await UsableKeyAsync(session, caller, regionId, blob.KeyId);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var plaintext = await _vault.OpenAsync(session, key.Value, blob, context);
        if (plaintext is null)
        {
            return ErrorCatalog.InvalidCiphertext;
        }

        return new OpenedData(plaintext, key.Value.Id, blob.VersionId);
    }

    /// <summary>Finds a key of the caller that may encrypt now: symmetric, ENCRYPT/DECRYPT and Enabled.</summary>
    private async Task<Result<KmsKey>> UsableKeyAsync(IStoreSession session, Caller caller, string regionId, string keyIdParameter)
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

        return (key.Value with { State = key.Value.StateAt(time.GetUtcNow()) }) switch
        {
            { State: KeyState.Disabled } => ErrorCatalog.RejectedDisabled,
            { State: KeyState.PendingDeletion } => ErrorCatalog.RejectedPendingDeletion,
            { State: KeyState.PendingImport } => ErrorCatalog.RejectedPendingImport,
            { IsSymmetric: false } or { KeyUsage: not KeyUsages.EncryptDecrypt } => ErrorCatalog.KeyCannotEncrypt,
            _ => key,
        };
    }
}
