namespace EcsLocal.Domain.Errors;

/// <summary>Errors of the disk and snapshot actions.</summary>
public static partial class ErrorCatalog
{
    public static readonly ServiceError DryRunOperation = new(400, "DryRunOperation",
        "Request validation has been passed with DryRun flag set.");
    public static readonly ServiceError ClientTokenMalformed = new(403, "InvalidClientToken.Malformed",
        "The specified parameter clientToken is not valid.");
    public static readonly ServiceError IdempotentParameterMismatch = new(403, "IdempotentParameterMismatch",
        "The specified clientToken is used.");
    public static readonly ServiceError ImageIdempotenceMismatch = new(400, "IdempotenceParamNotMatch",
        "The specified clientToken is used with different parameters.");
    public static readonly ServiceError ZoneIdMissing = new(400, "MissingParameter",
        "The input parameter ZoneId that is mandatory for processing this request is not supplied.");
    public static readonly ServiceError SizeOrSnapshotMissing = new(400, "MissingParameter",
        "The input parameter either \"SnapshotId\" or \"Size\" should be specified.");
    public static readonly ServiceError ZoneNotFound = new(404, "InvalidZoneId.NotFound",
        "The specified zone does not exist.");
    public static readonly ServiceError ZoneIdAndInstanceIdConflict = new(403, "InvalidParam.ZoneIdAndInstanceId.Conflict",
        "The specified parameter 'ZoneId' and 'InstanceId' are not blank at the same time.");
    public static readonly ServiceError InstanceNotFound = new(404, "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.");
    public static readonly ServiceError DiskCategoryNotValid = new(400, "InvalidDiskCategory.ValueNotSupported",
        "The specified parameter \"DiskCategory\" is not valid.");
    public static readonly ServiceError DiskSizeTooSmall = new(403, "InvalidDiskSize.TooSmall",
        "Specified disk size is less than the size of snapshot.");
    public static readonly ServiceError DiskSizeNotSupported = new(400, "InvalidDiskSize.ValueNotSupported",
        "The specified parameter \"Size\" is not valid for the disk category {0}: use {1} to {2} GiB.");
    public static readonly ServiceError DiskNameMalformed = new(400, "InvalidDiskName.Malformed",
        "Specified disk name is not valid.");
    public static readonly ServiceError DescriptionMalformed = new(400, "InvalidDescription.Malformed",
        "Specified description is not valid.");
    public static readonly ServiceError DiskNotFound = new(404, "InvalidDiskId.NotFound",
        "The specified DiskId does not exist.");
    public static readonly ServiceError DiskStatusIncorrect = new(403, "IncorrectDiskStatus",
        "The current disk status does not support this operation.");
    public static readonly ServiceError DiskSizeCannotShrink = new(403, "InvalidDiskSize.TooSmall",
        "The specified new size is smaller than the current size of the disk.");
    public static readonly ServiceError SnapshotNotFound = new(404, "InvalidSnapshotId.NotFound",
        "The specified SnapshotId does not exist.");
    public static readonly ServiceError SnapshotNotFoundForCopy = new(403, "InvalidSnapshotId.NotFound",
        "The specified snapshot is not exists.");
    public static readonly ServiceError SnapshotNotReady = new(403, "InvalidSnapshotId.NotReady",
        "The specified snapshot has not completed yet.");
    public static readonly ServiceError SnapshotNameMalformed = new(400, "InvalidSnapshotName.Malformed",
        "Specified snapshot name is not valid.");
    public static readonly ServiceError SnapshotInUse = new(403, "SnapshotCreatedDisk",
        "The snapshot has been used to create a disk, set Force to true to delete it.");
    public static readonly ServiceError KmsKeyNotFoundForDisk = new(404, "InvalidParameter.KMSKeyId.NotFound",
        "The specified KMSKeyId does not exist.");
    public static readonly ServiceError KmsKeyNotFoundForCopy = new(403, "InvalidParameter.KMSKeyId.NotFound",
        "The specified KMSKeyId does not exist.");
    public static readonly ServiceError CopyKmsNotEnabled = new(403, "InvalidParameter.KmsNotEnabled",
        "The specified operation need enable KMS.");
    public static readonly ServiceError DestinationRegionNotExists = new(403, "InvalidRegionId.NotExists",
        "Region not exists.");
    public static readonly ServiceError TagKeyMalformed = new(400, "InvalidTagKey.Malformed",
        "The specified Tag.n.Key is not valid.");
    public static readonly ServiceError TagValueMalformed = new(400, "InvalidTagValue.Malformed",
        "The specified Tag.n.Value is not valid.");
    public static readonly ServiceError TooManyTags = new(400, "InvalidTagCount",
        "The number of tags exceeds 20.");
    public static readonly ServiceError NextTokenMalformed = new(400, "InvalidNextToken.Malformed",
        "The specified NextToken is not valid.");

    // Images.
    public static readonly ServiceError ImageNotFound = new(404, "InvalidImageId.NotFound",
        "The specified ImageId does not exist.");
    public static readonly ServiceError ImageNotAvailable = new(400, "IncorrectImageStatus",
        "The image not available.");
    public static readonly ServiceError ImageSourceMissing = new(400, "MissingParameter",
        "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied.");
    public static readonly ServiceError ImageNameMalformed = new(400, "InvalidImageName.Malformed",
        "Specified image name is not valid.");
    public static readonly ServiceError ImageNotCustom = new(403, "Forbbiden",
        "User not authorized to operate on the specified resource.");
    public static readonly ServiceError ImageSourceRegionNotFound = new(400, "SourceRegion.NotFound",
        "The source region not found.");
    public static readonly ServiceError ImageDestinationRegionNotFound = new(400, "DestinationRegion.NotFound",
        "The destination region not found.");
    public static readonly ServiceError ImageCopyKmsNotEnabled = new(400, "InvalidParameter.KmsNotEnabled",
        "The specified operation need enable KMS.");
    public static readonly ServiceError ShareAccountNotFound = new(404, "InvalidAccount.NotFound",
        "The specified account {0} in parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist.");
    public static readonly ServiceError ShareWithSelf = new(404, "InvalidAccount.Forbbiden",
        "The specified Account does not yourself.");
    public static readonly ServiceError ShareAccountQuota = new(403, "QuotaExceed.ShareImageUser",
        "The shared Image user Quota exceeds.");
    public static readonly ServiceError ShareRoleMissing = new(403, "AssumeRoleError",
        "Requires a RAM role of AliyunECSShareEncryptImageDefaultRole before sharing encrypted image.");

    // Instances.
    public static readonly ServiceError InstanceStatusIncorrect = new(403, "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.");
    public static readonly ServiceError InstanceTypeMissing = new(400, "MissingParameter",
        "The input parameter \"InstanceType\" that is mandatory for processing this request is not supplied.");
    public static readonly ServiceError InstanceTypeNotValid = new(400, "InvalidInstanceType.ValueNotSupported",
        "The specified InstanceType does not exist or beyond the permitted range.");
    public static readonly ServiceError ImageIdMissing = new(400, "MissingParameter",
        "The input parameter \"ImageId\" that is mandatory for processing this request is not supplied.");
    public static readonly ServiceError DiskZoneMismatch = new(403, "InvalidDiskId.ZoneMismatch",
        "The specified disk and instance are not in the same zone.");
    public static readonly ServiceError DiskNotAttachedToInstance = new(403, "InvalidDiskId.NotAttached",
        "The specified disk is not attached to the specified instance.");
    public static readonly ServiceError SystemDiskCannotDetach = new(403, "IncorrectDiskType",
        "The system disk cannot be detached from its instance.");
    public static readonly ServiceError DataDiskCountExceeded = new(400, "InvalidDataDiskCount.Exceeded",
        "The number of data disks exceeds 16.");
}
