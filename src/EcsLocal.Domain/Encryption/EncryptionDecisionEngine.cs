using EcsLocal.Domain.Errors;

namespace EcsLocal.Domain.Encryption;

/// <summary>
/// Decides whether a new disk, snapshot, snapshot copy, image copy or image disk is encrypted and with which key,
/// or which rejection applies. The caller resolves every key and checks that it is usable. The engine only chooses.
/// </summary>
/// <remarks>
/// Key priority wherever several keys are available: specified key, then the caller's own source key, then the
/// target region's default key while default encryption is on, then the region's service key. The key of a source
/// shared by another account is never used by the recipient.
/// </remarks>
public static partial class EncryptionDecisionEngine
{
    /// <summary>The category CreateDisk uses when DiskCategory is omitted.</summary>
    public const string DefaultDiskCategory = DiskCategories.Cloud;

    /// <summary>
    /// Decides the encryption of the resource that <paramref name="request"/> describes.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A source is missing for an operation that needs one, an encrypted source has no key, or an enabled region
    /// default has no default key. These are caller bugs, not expected outcomes.
    /// </exception>
    public static Result<EncryptionDecision> Decide(EncryptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return request.Operation switch
        {
            EncryptionOperation.NewDisk => DecideNewDisk(request),
            EncryptionOperation.SnapshotFromDisk => DecideSnapshotFromDisk(request),
            EncryptionOperation.SnapshotCopy => DecideCopy(request, CopyRejections.Snapshot),
            EncryptionOperation.ImageCopy => DecideCopy(request, CopyRejections.Image),
            EncryptionOperation.ImageFromSource => DecideImageFromSource(request),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Operation, "Unknown encryption operation."),
        };
    }

    private static Result<EncryptionDecision> DecideNewDisk(EncryptionRequest request)
    {
        // The parameter check comes before the category rules because it needs no source.
        if (HasKeyWithoutEncryption(request))
        {
            return ErrorCatalog.KmsKeyIdWithoutEncrypted;
        }

        var source = request.Source;
        var encrypted = IsRequested(request) || request.TargetDefault.Enabled || source is { Encrypted: true };
        if (!encrypted)
        {
            return EncryptionDecision.NotEncrypted;
        }

        var categoryError = CheckEncryptedDiskCategory(request.DiskCategory ?? DefaultDiskCategory, source, request.TargetDefault);
        if (categoryError is not null)
        {
            return categoryError;
        }

        return ChooseKey(request.SpecifiedKeyId, OwnSourceKey(source), request.TargetDefault);
    }

    /// <summary>
    /// Returns whether CreateDisk accepts a disk of <paramref name="category"/> made from a snapshot or image with
    /// this encryption, for forms that offer only the categories the rules allow. It applies the same category rule as
    /// <see cref="Decide"/>: the rule binds only a disk that ends up encrypted.
    /// </summary>
    public static bool AllowsCategoryFromSource(string category, bool sourceEncrypted, bool encryptionRequested, bool defaultEncryptionOn)
    {
        var encrypted = sourceEncrypted || encryptionRequested || defaultEncryptionOn;
        var source = new EncryptionSource(SourceOwnership.Own, sourceEncrypted, null, "");
        return !encrypted || CheckEncryptedDiskCategory(category, source, new RegionDefault(defaultEncryptionOn, null)) is null;
    }

    /// <summary>
    /// Checks the category of an encrypted disk made from a snapshot or image. The categories <c>cloud</c>,
    /// <c>cloud_efficiency</c> and <c>cloud_ssd</c> cannot be encrypted from a non-encrypted source, and while
    /// default encryption is on only <c>cloud_essd</c>, <c>cloud_essd_entry</c> and <c>cloud_auto</c> may be made
    /// from any source. A new empty disk has no category rule here.
    /// </summary>
    private static ServiceError? CheckEncryptedDiskCategory(string category, EncryptionSource? source, RegionDefault targetDefault)
    {
        if (source is null)
        {
            return null;
        }

        if (!source.Encrypted && DiskCategories.IsWithoutSnapshotEncryption(category))
        {
            return ErrorCatalog.DiskCategoryNotSupportEncryptedFromSnapshot;
        }

        if (targetDefault.Enabled && !DiskCategories.AllowsSourceUnderDefaultEncryption(category))
        {
            return ErrorCatalog.DiskCategoryNotSupportEncryptedFromSnapshot;
        }

        return null;
    }

    /// <summary>Keeps the encryption and key of the disk, because default encryption and parameters do not apply to snapshots.</summary>
    private static EncryptionDecision DecideSnapshotFromDisk(EncryptionRequest request)
    {
        var source = RequireSource(request);
        if (source.Ownership == SourceOwnership.Shared)
        {
            throw new ArgumentException("A disk always belongs to the caller, so it cannot be a shared source.", nameof(request));
        }

        return KeepSourceEncryption(source);
    }

    /// <summary>Keeps the encryption and key of the disk or snapshot, because default encryption does not apply to images.</summary>
    private static Result<EncryptionDecision> DecideImageFromSource(EncryptionRequest request)
    {
        var source = RequireSource(request);
        if (source.Ownership == SourceOwnership.Shared)
        {
            return ErrorCatalog.ImageFromSharedSnapshot;
        }

        return KeepSourceEncryption(source);
    }

    private static EncryptionDecision KeepSourceEncryption(EncryptionSource source) =>
        source.Encrypted ? EncryptionDecision.SourceKey(RequireSourceKey(source)) : EncryptionDecision.NotEncrypted;

    /// <summary>Applies the key priority: specified, own source, region default while enabled, service key.</summary>
    private static EncryptionDecision ChooseKey(string? specifiedKeyId, string? ownSourceKeyId, RegionDefault targetDefault)
    {
        if (specifiedKeyId is not null)
        {
            return EncryptionDecision.SpecifiedKey(specifiedKeyId);
        }

        if (ownSourceKeyId is not null)
        {
            return EncryptionDecision.SourceKey(ownSourceKeyId);
        }

        if (targetDefault.Enabled)
        {
            return EncryptionDecision.RegionDefaultKey(RequireDefaultKey(targetDefault));
        }

        return EncryptionDecision.ServiceKey;
    }

    private static bool IsRequested(EncryptionRequest request) => request.Encrypted == EncryptedParameter.True;

    /// <summary>Returns whether a KMSKeyId came without Encrypted=true while the target default encryption is off.</summary>
    private static bool HasKeyWithoutEncryption(EncryptionRequest request) =>
        request.SpecifiedKeyId is not null && !IsRequested(request) && !request.TargetDefault.Enabled;

    /// <summary>Returns the source key only when the caller owns an encrypted source, because a recipient never uses a shared source's key.</summary>
    private static string? OwnSourceKey(EncryptionSource? source) =>
        source is { Ownership: SourceOwnership.Own, Encrypted: true } ? RequireSourceKey(source) : null;

    private static EncryptionSource RequireSource(EncryptionRequest request) =>
        request.Source ?? throw new ArgumentException($"{request.Operation} needs a source.", nameof(request));

    private static string RequireSourceKey(EncryptionSource source) =>
        source.KeyId ?? throw new ArgumentException("An encrypted source must carry its key id.", nameof(source));

    private static string RequireDefaultKey(RegionDefault targetDefault) =>
        targetDefault.DefaultKeyId ?? throw new ArgumentException("An enabled region default must carry its default key id.", nameof(targetDefault));
}
