using System.Globalization;
using EcsLocal.Domain.Encryption;

namespace EcsLocal.Domain.Tests;

/// <summary>The source of a new resource, as the rows of the encryption tables name it.</summary>
public enum SourceKind
{
    EmptyDisk,
    OwnPlain,
    OwnEncrypted,
    SharedPlain,
    SharedEncrypted,
}

/// <summary>Builds encryption requests with fixed key ids, so table rows only name what differs.</summary>
internal static class EncryptionRequestBuilder
{
    public const string TargetRegionId = "cn-hangzhou";
    public const string OtherRegionId = "cn-shanghai";
    public const string SpecifiedKeyId = "key-specified";
    public const string OwnSourceKeyId = "key-own-source";
    public const string OwnerKeyId = "key-of-sharing-account";
    public const string DefaultKeyId = "key-region-default";

    /// <summary>
    /// Returns the region default. While off it still stores a default key, as after a Disable, to show that the
    /// stored key is ignored.
    /// </summary>
    public static RegionDefault Default(bool enabled) => new(enabled, DefaultKeyId);

    public static EncryptionSource? Source(SourceKind kind, string regionId = TargetRegionId) => kind switch
    {
        SourceKind.EmptyDisk => null,
        SourceKind.OwnPlain => new EncryptionSource(SourceOwnership.Own, false, null, regionId),
        SourceKind.OwnEncrypted => new EncryptionSource(SourceOwnership.Own, true, OwnSourceKeyId, regionId),
        SourceKind.SharedPlain => new EncryptionSource(SourceOwnership.Shared, false, null, regionId),
        SourceKind.SharedEncrypted => new EncryptionSource(SourceOwnership.Shared, true, OwnerKeyId, regionId),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static EncryptionRequest NewDisk(
        SourceKind source, EncryptedParameter encrypted, bool defaultOn, bool withKey, string category = DiskCategories.CloudEssd) =>
        new(EncryptionOperation.NewDisk, Source(source), encrypted, withKey ? SpecifiedKeyId : null, Default(defaultOn), TargetRegionId, category);

    /// <summary>Builds a CopySnapshot or CopyImage request from a source in the destination region or in another one.</summary>
    public static EncryptionRequest Copy(
        EncryptionOperation operation, SourceKind source, bool crossRegion, EncryptedParameter encrypted, bool defaultOn, bool withKey) =>
        new(operation, Source(source, crossRegion ? OtherRegionId : TargetRegionId), encrypted, withKey ? SpecifiedKeyId : null,
            Default(defaultOn), TargetRegionId, null);

    /// <summary>Builds a CreateSnapshot or CreateImage request, with the encryption parameters omitted because those actions have none.</summary>
    public static EncryptionRequest FromSource(EncryptionOperation operation, SourceKind source, bool defaultOn) =>
        new(operation, Source(source), EncryptedParameter.Omitted, null, Default(defaultOn), TargetRegionId, null);
}

/// <summary>
/// Checks a decision against an outcome written as in the rule tables: "not encrypted", "specified key",
/// "source key", "default key", "service key", or a rejection as "STATUS Code".
/// </summary>
internal static class Outcome
{
    public const string NotEncrypted = "not encrypted";
    public const string SpecifiedKey = "specified key";
    public const string SourceKey = "source key";
    public const string DefaultKey = "default key";
    public const string ServiceKey = "service key";

    public const string KeyWithoutEncrypted = "400 InvalidEncrypted.NotMatchKmsKeyId";
    public const string DiskCategory = "403 NotSupportSnapshotEncrypted.DiskCategory";
    public const string SnapshotNotDecrypted = "403 InvalidEncrypted.NotSupportDecrypt";
    public const string ImageNotDecrypted = "403 OperationDeined.EncryptedSnapshot";
    public const string SameRegionCopy = "403 InvalidOperation.NotSupportCopyInSameRegion";
    public const string SharedImageOtherRegion = "403 OperationDenied.SameRegionOnly";
    public const string SharedSnapshotImage = "400 OperationDenied";

    public static void AssertMatches(string expected, Result<EncryptionDecision> result)
    {
        if (char.IsAsciiDigit(expected[0]))
        {
            AssertRejected(expected, result);
            return;
        }

        Assert.True(result.IsSuccess, $"Expected {expected}, got {result.Error?.HttpStatus} {result.Error?.Code}.");
        Assert.Equal(Decision(expected), result.Value);
    }

    private static void AssertRejected(string expected, Result<EncryptionDecision> result)
    {
        var parts = expected.Split(' ', 2);

        Assert.False(result.IsSuccess, result.IsSuccess ? $"Expected {expected}, got {result.Value}." : null);
        Assert.Equal(parts[1], result.Error.Code);
        Assert.Equal(int.Parse(parts[0], CultureInfo.InvariantCulture), result.Error.HttpStatus);
    }

    private static EncryptionDecision Decision(string expected) => expected switch
    {
        NotEncrypted => new EncryptionDecision(false, null, null),
        SpecifiedKey => new EncryptionDecision(true, EncryptionRequestBuilder.SpecifiedKeyId, KeyReason.Specified),
        SourceKey => new EncryptionDecision(true, EncryptionRequestBuilder.OwnSourceKeyId, KeyReason.Source),
        DefaultKey => new EncryptionDecision(true, EncryptionRequestBuilder.DefaultKeyId, KeyReason.RegionDefault),
        ServiceKey => new EncryptionDecision(true, null, KeyReason.ServiceKey),
        _ => throw new ArgumentException($"Unknown outcome '{expected}'.", nameof(expected)),
    };
}
