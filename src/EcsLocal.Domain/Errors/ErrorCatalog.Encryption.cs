namespace EcsLocal.Domain.Errors;

/// <summary>The errors of the encryption decisions for new disks, snapshot and image copies, images and sharing.</summary>
public static partial class ErrorCatalog
{
    // A KMSKeyId without Encrypted=true while the target region's default encryption is off, on new disks and copies alike.
    public static readonly ServiceError KmsKeyIdWithoutEncrypted = new(400, "InvalidEncrypted.NotMatchKmsKeyId",
        "The specified parameter Encrypted must be true when KmsKeyId is not empty.");

    // New disks made from a snapshot or image.
    public static readonly ServiceError DiskCategoryNotSupportEncryptedFromSnapshot = new(403, "NotSupportSnapshotEncrypted.DiskCategory",
        "The specified disk category does not support creating encrypted system disks or creating encrypted data disks from snapshots. Check the DiskCategory or Encrypted parameter, or check your account for default encryption settings.");

    // Plain copies (Encrypted not requested) of encrypted sources. "Deined" is the service's own spelling.
    public static readonly ServiceError EncryptedSnapshotCopyNotDecrypted = new(403, "InvalidEncrypted.NotSupportDecrypt",
        "Encrypted snapshot not support copy to decrypt snapshot.");
    public static readonly ServiceError EncryptedImageCopyNotDecrypted = new(403, "OperationDeined.EncryptedSnapshot",
        "The image contains encrypted snapshots, which do not support copying to non-encrypted ones.");

    // Plain copies within the source region.
    public static readonly ServiceError SnapshotCopyInSameRegion = new(403, "InvalidOperation.NotSupportCopyInSameRegion",
        "Copying snapshot in the same region is not supported.");
    // NOTE: CopyImage documents this code without a message, so this message follows the CopySnapshot one.
    public static readonly ServiceError ImageCopyInSameRegion = new(403, "InvalidOperation.NotSupportCopyInSameRegion",
        "Copying image in the same region is not supported.");

    // Sources shared by another account.
    public static readonly ServiceError SharedImageCopyAcrossRegions = new(403, "OperationDenied.SameRegionOnly",
        "The image shared from others can not be copied to another region directly.");
    public static readonly ServiceError ImageFromSharedSnapshot = new(400, "OperationDenied",
        "Shared snapshots do not support creating images.");

    // Sharing encrypted images and snapshots.
    public static readonly ServiceError ServiceKeyEncryptedShare = new(403, "InvalidOperation.ServiceKeyEncryptedImageUnsupported",
        "The specified service key encrypted image is not supported for this operation. Please switch to a CMK (Customer Master Key) encrypted image and retry.");
    public static readonly ServiceError EncryptedShareNotSupported = new(403, "OperationDeined.EncryptedSnapshot",
        "The image contains encrypted snapshots, which do not support share.");
}
