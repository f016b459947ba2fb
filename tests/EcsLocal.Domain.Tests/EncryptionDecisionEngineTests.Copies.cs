using EcsLocal.Domain.Encryption;
using static EcsLocal.Domain.Tests.EncryptionRequestBuilder;

namespace EcsLocal.Domain.Tests;

/// <summary>Snapshot copies (CopySnapshot) and image copies (CopyImage).</summary>
public partial class EncryptionDecisionEngineTests
{
    private const EncryptionOperation Snapshot = EncryptionOperation.SnapshotCopy;
    private const EncryptionOperation Image = EncryptionOperation.ImageCopy;

    private static readonly EncryptedParameter[] s_notRequested = [EncryptedParameter.Omitted, EncryptedParameter.False];

    // Plain copy: Encrypted not requested and no key. Each row runs with Encrypted omitted and with Encrypted=false.
    // Columns: operation, source, to another region, destination default encryption on, outcome.
    // An image shared by another account cannot leave its region, which overrides the other rejections.
    // An encrypted source is reported before a same-region copy.
    private static readonly (EncryptionOperation Operation, SourceKind Source, bool CrossRegion, bool DefaultOn, string Outcome)[] s_plainCopies =
    [
        (Snapshot, SourceKind.OwnPlain, true, false, Outcome.NotEncrypted),
        (Snapshot, SourceKind.OwnPlain, true, true, Outcome.DefaultKey),
        (Snapshot, SourceKind.SharedPlain, true, false, Outcome.NotEncrypted),
        (Snapshot, SourceKind.SharedPlain, true, true, Outcome.DefaultKey),
        (Snapshot, SourceKind.OwnEncrypted, true, false, Outcome.SnapshotNotDecrypted),
        (Snapshot, SourceKind.OwnEncrypted, true, true, Outcome.SnapshotNotDecrypted),
        (Snapshot, SourceKind.SharedEncrypted, true, false, Outcome.SnapshotNotDecrypted),
        (Snapshot, SourceKind.SharedEncrypted, true, true, Outcome.SnapshotNotDecrypted),
        (Snapshot, SourceKind.OwnEncrypted, false, false, Outcome.SnapshotNotDecrypted),
        (Snapshot, SourceKind.OwnEncrypted, false, true, Outcome.SnapshotNotDecrypted),
        (Snapshot, SourceKind.SharedEncrypted, false, false, Outcome.SnapshotNotDecrypted),
        (Snapshot, SourceKind.SharedEncrypted, false, true, Outcome.SnapshotNotDecrypted),
        (Snapshot, SourceKind.OwnPlain, false, false, Outcome.SameRegionCopy),
        (Snapshot, SourceKind.OwnPlain, false, true, Outcome.SameRegionCopy),
        (Snapshot, SourceKind.SharedPlain, false, false, Outcome.SameRegionCopy),
        (Snapshot, SourceKind.SharedPlain, false, true, Outcome.SameRegionCopy),
        (Image, SourceKind.OwnPlain, true, false, Outcome.NotEncrypted),
        (Image, SourceKind.OwnPlain, true, true, Outcome.DefaultKey),
        (Image, SourceKind.SharedPlain, true, false, Outcome.SharedImageOtherRegion),
        (Image, SourceKind.SharedPlain, true, true, Outcome.SharedImageOtherRegion),
        (Image, SourceKind.OwnEncrypted, true, false, Outcome.ImageNotDecrypted),
        (Image, SourceKind.OwnEncrypted, true, true, Outcome.ImageNotDecrypted),
        (Image, SourceKind.SharedEncrypted, true, false, Outcome.SharedImageOtherRegion),
        (Image, SourceKind.SharedEncrypted, true, true, Outcome.SharedImageOtherRegion),
        (Image, SourceKind.OwnEncrypted, false, false, Outcome.ImageNotDecrypted),
        (Image, SourceKind.OwnEncrypted, false, true, Outcome.ImageNotDecrypted),
        (Image, SourceKind.SharedEncrypted, false, false, Outcome.ImageNotDecrypted),
        (Image, SourceKind.SharedEncrypted, false, true, Outcome.ImageNotDecrypted),
        (Image, SourceKind.OwnPlain, false, false, Outcome.SameRegionCopy),
        (Image, SourceKind.OwnPlain, false, true, Outcome.SameRegionCopy),
        (Image, SourceKind.SharedPlain, false, false, Outcome.SameRegionCopy),
        (Image, SourceKind.SharedPlain, false, true, Outcome.SameRegionCopy),
    ];

    public static TheoryData<EncryptionOperation, SourceKind, bool, EncryptedParameter, bool, string> PlainCopies()
    {
        var data = new TheoryData<EncryptionOperation, SourceKind, bool, EncryptedParameter, bool, string>();
        foreach (var parameter in s_notRequested)
        {
            foreach (var row in s_plainCopies)
            {
                data.Add(row.Operation, row.Source, row.CrossRegion, parameter, row.DefaultOn, row.Outcome);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PlainCopies))]
    public void Decide_plain_copy_follows_table(
        EncryptionOperation operation, SourceKind source, bool crossRegion, EncryptedParameter encrypted, bool defaultOn, string expected)
    {
        var request = Copy(operation, source, crossRegion, encrypted, defaultOn, withKey: false);

        var result = EncryptionDecisionEngine.Decide(request);

        Outcome.AssertMatches(expected, result);
    }

    // Copy and encrypt: Encrypted=true, the same for every source, own or shared, encrypted or not.
    // Columns: to another region, destination default encryption on, key specified, outcome.
    private static readonly (bool CrossRegion, bool DefaultOn, bool WithKey, string Outcome)[] s_copyAndEncrypt =
    [
        (false, false, false, Outcome.ServiceKey),
        (false, false, true, Outcome.SpecifiedKey),
        (false, true, false, Outcome.DefaultKey),
        (false, true, true, Outcome.SpecifiedKey),
        (true, false, false, Outcome.ServiceKey),
        (true, false, true, Outcome.SpecifiedKey),
        (true, true, false, Outcome.DefaultKey),
        (true, true, true, Outcome.SpecifiedKey),
    ];

    private static readonly SourceKind[] s_copySources =
        [SourceKind.OwnPlain, SourceKind.OwnEncrypted, SourceKind.SharedPlain, SourceKind.SharedEncrypted];

    /// <summary>
    /// Expands the copy-and-encrypt table over both operations and every source. The only change is that an image
    /// shared by another account cannot be copied to another region.
    /// </summary>
    public static TheoryData<EncryptionOperation, SourceKind, bool, bool, bool, string> CopyAndEncrypt()
    {
        var data = new TheoryData<EncryptionOperation, SourceKind, bool, bool, bool, string>();
        foreach (var operation in new[] { Snapshot, Image })
        {
            foreach (var source in s_copySources)
            {
                foreach (var row in s_copyAndEncrypt)
                {
                    var sharedImageLeavesRegion = operation == Image && row.CrossRegion && (source is SourceKind.SharedPlain or SourceKind.SharedEncrypted);
                    var outcome = sharedImageLeavesRegion ? Outcome.SharedImageOtherRegion : row.Outcome;
                    data.Add(operation, source, row.CrossRegion, row.DefaultOn, row.WithKey, outcome);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CopyAndEncrypt))]
    public void Decide_copy_and_encrypt_follows_table(
        EncryptionOperation operation, SourceKind source, bool crossRegion, bool defaultOn, bool withKey, string expected)
    {
        var request = Copy(operation, source, crossRegion, EncryptedParameter.True, defaultOn, withKey);

        var result = EncryptionDecisionEngine.Decide(request);

        Outcome.AssertMatches(expected, result);
    }

    // A KMSKeyId without Encrypted=true: rejected while destination default encryption is off, else the copy is
    // encrypted with that key, whatever the source and region. Each row runs with Encrypted omitted and false.
    // Columns: operation, source, to another region, destination default encryption on, outcome.
    private static readonly (EncryptionOperation Operation, SourceKind Source, bool CrossRegion, bool DefaultOn, string Outcome)[] s_copyKeyWithoutEncrypted =
    [
        (Snapshot, SourceKind.OwnPlain, true, false, Outcome.KeyWithoutEncrypted),
        (Snapshot, SourceKind.OwnEncrypted, false, false, Outcome.KeyWithoutEncrypted),
        (Snapshot, SourceKind.SharedEncrypted, true, false, Outcome.KeyWithoutEncrypted),
        (Snapshot, SourceKind.OwnPlain, true, true, Outcome.SpecifiedKey),
        (Snapshot, SourceKind.OwnPlain, false, true, Outcome.SpecifiedKey),
        (Snapshot, SourceKind.OwnEncrypted, true, true, Outcome.SpecifiedKey),
        (Snapshot, SourceKind.OwnEncrypted, false, true, Outcome.SpecifiedKey),
        (Snapshot, SourceKind.SharedEncrypted, true, true, Outcome.SpecifiedKey),
        (Image, SourceKind.OwnPlain, true, false, Outcome.KeyWithoutEncrypted),
        (Image, SourceKind.OwnEncrypted, false, false, Outcome.KeyWithoutEncrypted),
        (Image, SourceKind.SharedEncrypted, false, false, Outcome.KeyWithoutEncrypted),
        (Image, SourceKind.SharedPlain, true, false, Outcome.SharedImageOtherRegion),
        (Image, SourceKind.OwnPlain, true, true, Outcome.SpecifiedKey),
        (Image, SourceKind.OwnPlain, false, true, Outcome.SpecifiedKey),
        (Image, SourceKind.OwnEncrypted, true, true, Outcome.SpecifiedKey),
        (Image, SourceKind.SharedEncrypted, false, true, Outcome.SpecifiedKey),
        (Image, SourceKind.SharedEncrypted, true, true, Outcome.SharedImageOtherRegion),
    ];

    public static TheoryData<EncryptionOperation, SourceKind, bool, EncryptedParameter, bool, string> CopyKeyWithoutEncrypted()
    {
        var data = new TheoryData<EncryptionOperation, SourceKind, bool, EncryptedParameter, bool, string>();
        foreach (var parameter in s_notRequested)
        {
            foreach (var row in s_copyKeyWithoutEncrypted)
            {
                data.Add(row.Operation, row.Source, row.CrossRegion, parameter, row.DefaultOn, row.Outcome);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CopyKeyWithoutEncrypted))]
    public void Decide_copy_key_without_encryption_follows_default(
        EncryptionOperation operation, SourceKind source, bool crossRegion, EncryptedParameter encrypted, bool defaultOn, string expected)
    {
        var request = Copy(operation, source, crossRegion, encrypted, defaultOn, withKey: true);

        var result = EncryptionDecisionEngine.Decide(request);

        Outcome.AssertMatches(expected, result);
    }

    [Fact]
    public void Decide_copy_uses_destination_default()
    {
        var destinationDefault = new RegionDefault(true, "key-destination-default");
        var plainCopy = Copy(Snapshot, SourceKind.OwnPlain, crossRegion: true, EncryptedParameter.Omitted, defaultOn: true, withKey: false);
        var request = plainCopy with { TargetDefault = destinationDefault };

        var result = EncryptionDecisionEngine.Decide(request);

        Assert.True(result.IsSuccess);
        Assert.Equal(EncryptionDecision.RegionDefaultKey("key-destination-default"), result.Value);
    }

    [Fact]
    public void Decide_copy_never_keeps_own_source_key()
    {
        var request = Copy(Image, SourceKind.OwnEncrypted, crossRegion: false, EncryptedParameter.True, defaultOn: false, withKey: false);

        var result = EncryptionDecisionEngine.Decide(request);

        Assert.True(result.IsSuccess);
        Assert.Equal(KeyReason.ServiceKey, result.Value.Reason);
        Assert.Null(result.Value.KeyId);
    }

    [Fact]
    public void Decide_copy_rejections_carry_service_messages()
    {
        var snapshotDecrypt = EncryptionDecisionEngine.Decide(
            Copy(Snapshot, SourceKind.OwnEncrypted, crossRegion: true, EncryptedParameter.Omitted, defaultOn: false, withKey: false));
        var imageDecrypt = EncryptionDecisionEngine.Decide(
            Copy(Image, SourceKind.OwnEncrypted, crossRegion: true, EncryptedParameter.Omitted, defaultOn: false, withKey: false));
        var sameRegion = EncryptionDecisionEngine.Decide(
            Copy(Snapshot, SourceKind.OwnPlain, crossRegion: false, EncryptedParameter.Omitted, defaultOn: false, withKey: false));
        var sharedImage = EncryptionDecisionEngine.Decide(
            Copy(Image, SourceKind.SharedPlain, crossRegion: true, EncryptedParameter.True, defaultOn: false, withKey: false));

        Assert.Equal("Encrypted snapshot not support copy to decrypt snapshot.", snapshotDecrypt.Error?.Message);
        Assert.Equal("The image contains encrypted snapshots, which do not support copying to non-encrypted ones.", imageDecrypt.Error?.Message);
        Assert.Equal("Copying snapshot in the same region is not supported.", sameRegion.Error?.Message);
        Assert.Equal("The image shared from others can not be copied to another region directly.", sharedImage.Error?.Message);
    }

    [Fact]
    public void Decide_copy_without_source_throws()
    {
        var request = Copy(Snapshot, SourceKind.EmptyDisk, crossRegion: true, EncryptedParameter.True, defaultOn: false, withKey: false);

        Assert.Throws<ArgumentException>(() => EncryptionDecisionEngine.Decide(request));
    }
}
