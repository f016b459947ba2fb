using EcsLocal.Domain.Errors;

namespace EcsLocal.Domain.Encryption;

public static partial class EncryptionDecisionEngine
{
    /// <summary>
    /// Decides a CopySnapshot or CopyImage. A copy never keeps the source key, even of the caller's own source:
    /// copy-and-encrypt uses the specified key, else the destination default key while default encryption is on,
    /// else the destination service key.
    /// </summary>
    private static Result<EncryptionDecision> DecideCopy(EncryptionRequest request, CopyRejections rejections)
    {
        var source = RequireSource(request);
        var withinRegion = string.Equals(source.RegionId, request.TargetRegionId, StringComparison.Ordinal);

        // Checked first: no parameter can make a cross-region copy of another account's image valid.
        if (rejections.RejectsSharedAcrossRegions && source.Ownership == SourceOwnership.Shared && !withinRegion)
        {
            return ErrorCatalog.SharedImageCopyAcrossRegions;
        }

        if (HasKeyWithoutEncryption(request))
        {
            return ErrorCatalog.KmsKeyIdWithoutEncrypted;
        }

        // Past the check above, a key comes with Encrypted=true or with default encryption on, and either one means copy and encrypt.
        if (IsRequested(request) || request.SpecifiedKeyId is not null)
        {
            return ChooseKey(request.SpecifiedKeyId, null, request.TargetDefault);
        }

        return DecidePlainCopy(source, withinRegion, request.TargetDefault, rejections);
    }

    /// <summary>Decides a copy without Encrypted=true and without a key.</summary>
    private static Result<EncryptionDecision> DecidePlainCopy(
        EncryptionSource source, bool withinRegion, RegionDefault targetDefault, CopyRejections rejections)
    {
        // An encrypted source is reported before a same-region copy, because Encrypted=true fixes both.
        if (source.Encrypted)
        {
            return rejections.EncryptedSource;
        }

        if (withinRegion)
        {
            return rejections.WithinRegion;
        }

        return targetDefault.Enabled
            ? EncryptionDecision.RegionDefaultKey(RequireDefaultKey(targetDefault))
            : EncryptionDecision.NotEncrypted;
    }

    /// <summary>The errors that differ between CopySnapshot and CopyImage.</summary>
    private sealed record CopyRejections(
        ServiceError EncryptedSource,
        ServiceError WithinRegion,
        bool RejectsSharedAcrossRegions)
    {
        public static readonly CopyRejections Snapshot = new(
            ErrorCatalog.EncryptedSnapshotCopyNotDecrypted,
            ErrorCatalog.SnapshotCopyInSameRegion,
            RejectsSharedAcrossRegions: false);

        public static readonly CopyRejections Image = new(
            ErrorCatalog.EncryptedImageCopyNotDecrypted,
            ErrorCatalog.ImageCopyInSameRegion,
            RejectsSharedAcrossRegions: true);
    }
}
