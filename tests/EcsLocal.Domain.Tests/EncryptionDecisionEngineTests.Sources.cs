using EcsLocal.Domain.Encryption;
using static EcsLocal.Domain.Tests.EncryptionRequestBuilder;

namespace EcsLocal.Domain.Tests;

/// <summary>Snapshots of disks (CreateSnapshot), image disks (CreateImage), key priority and sharing.</summary>
public partial class EncryptionDecisionEngineTests
{
    public static TheoryData<EncryptionOperation, SourceKind, bool, string> KeptEncryption => new()
    {
        // operation, source, default encryption on, outcome
        { EncryptionOperation.SnapshotFromDisk, SourceKind.OwnPlain, false, Outcome.NotEncrypted },
        { EncryptionOperation.SnapshotFromDisk, SourceKind.OwnPlain, true, Outcome.NotEncrypted },
        { EncryptionOperation.SnapshotFromDisk, SourceKind.OwnEncrypted, false, Outcome.SourceKey },
        { EncryptionOperation.SnapshotFromDisk, SourceKind.OwnEncrypted, true, Outcome.SourceKey },
        { EncryptionOperation.ImageFromSource, SourceKind.OwnPlain, false, Outcome.NotEncrypted },
        { EncryptionOperation.ImageFromSource, SourceKind.OwnPlain, true, Outcome.NotEncrypted },
        { EncryptionOperation.ImageFromSource, SourceKind.OwnEncrypted, false, Outcome.SourceKey },
        { EncryptionOperation.ImageFromSource, SourceKind.OwnEncrypted, true, Outcome.SourceKey },
        { EncryptionOperation.ImageFromSource, SourceKind.SharedPlain, false, Outcome.SharedSnapshotImage },
        { EncryptionOperation.ImageFromSource, SourceKind.SharedEncrypted, true, Outcome.SharedSnapshotImage },
    };

    [Theory]
    [MemberData(nameof(KeptEncryption))]
    public void Decide_snapshot_or_image_keeps_source_encryption(
        EncryptionOperation operation, SourceKind source, bool defaultOn, string expected)
    {
        var result = EncryptionDecisionEngine.Decide(FromSource(operation, source, defaultOn));

        Outcome.AssertMatches(expected, result);
    }

    [Theory]
    [InlineData(EncryptionOperation.SnapshotFromDisk)]
    [InlineData(EncryptionOperation.ImageFromSource)]
    public void Decide_snapshot_or_image_ignores_encryption_parameters(EncryptionOperation operation)
    {
        var fromPlainSource = FromSource(operation, SourceKind.OwnPlain, defaultOn: true);
        var request = fromPlainSource with { Encrypted = EncryptedParameter.True, SpecifiedKeyId = SpecifiedKeyId };

        var result = EncryptionDecisionEngine.Decide(request);

        Outcome.AssertMatches(Outcome.NotEncrypted, result);
    }

    [Fact]
    public void Decide_image_from_shared_snapshot_message()
    {
        var result = EncryptionDecisionEngine.Decide(FromSource(EncryptionOperation.ImageFromSource, SourceKind.SharedPlain, defaultOn: false));

        Assert.Equal("Shared snapshots do not support creating images.", result.Error?.Message);
    }

    [Theory]
    [InlineData(EncryptionOperation.SnapshotFromDisk, SourceKind.EmptyDisk)]
    [InlineData(EncryptionOperation.ImageFromSource, SourceKind.EmptyDisk)]
    [InlineData(EncryptionOperation.SnapshotFromDisk, SourceKind.SharedPlain)]
    public void Decide_snapshot_or_image_with_invalid_source_throws(EncryptionOperation operation, SourceKind source)
    {
        var request = FromSource(operation, source, defaultOn: false);

        Assert.Throws<ArgumentException>(() => EncryptionDecisionEngine.Decide(request));
    }

    [Fact]
    public void Decide_encrypted_source_without_key_throws()
    {
        var sourceWithoutKey = new EncryptionSource(SourceOwnership.Own, true, null, TargetRegionId);
        var request = NewDisk(SourceKind.OwnEncrypted, EncryptedParameter.Omitted, defaultOn: false, withKey: false) with { Source = sourceWithoutKey };

        Assert.Throws<ArgumentException>(() => EncryptionDecisionEngine.Decide(request));
    }

    [Fact]
    public void Decide_enabled_default_without_key_throws()
    {
        var enabledWithoutKey = new RegionDefault(true, null);
        var request = NewDisk(SourceKind.EmptyDisk, EncryptedParameter.Omitted, defaultOn: true, withKey: false) with { TargetDefault = enabledWithoutKey };

        Assert.Throws<ArgumentException>(() => EncryptionDecisionEngine.Decide(request));
    }

    public static TheoryData<SourceKind, bool, bool, string> KeyPriority => new()
    {
        // source, default encryption on, key specified, outcome. Every request has Encrypted=true.
        { SourceKind.OwnEncrypted, true, true, Outcome.SpecifiedKey },
        { SourceKind.OwnEncrypted, true, false, Outcome.SourceKey },
        { SourceKind.OwnPlain, true, false, Outcome.DefaultKey },
        { SourceKind.OwnPlain, false, false, Outcome.ServiceKey },
        { SourceKind.SharedEncrypted, true, false, Outcome.DefaultKey },
        { SourceKind.SharedEncrypted, false, false, Outcome.ServiceKey },
    };

    [Theory]
    [MemberData(nameof(KeyPriority))]
    public void Decide_chooses_highest_priority_key(SourceKind source, bool defaultOn, bool withKey, string expected)
    {
        var result = EncryptionDecisionEngine.Decide(NewDisk(source, EncryptedParameter.True, defaultOn, withKey));

        Outcome.AssertMatches(expected, result);
    }

    [Fact]
    public void Decide_never_gives_recipient_shared_source_key()
    {
        var requests = new[]
        {
            NewDisk(SourceKind.SharedEncrypted, EncryptedParameter.Omitted, defaultOn: false, withKey: false),
            NewDisk(SourceKind.SharedEncrypted, EncryptedParameter.True, defaultOn: true, withKey: false),
            Copy(EncryptionOperation.SnapshotCopy, SourceKind.SharedEncrypted, crossRegion: true, EncryptedParameter.True, defaultOn: false, withKey: false),
            Copy(EncryptionOperation.ImageCopy, SourceKind.SharedEncrypted, crossRegion: false, EncryptedParameter.True, defaultOn: true, withKey: false),
        };

        foreach (var request in requests)
        {
            var result = EncryptionDecisionEngine.Decide(request);

            Assert.True(result.IsSuccess);
            Assert.NotEqual(OwnerKeyId, result.Value.KeyId);
            Assert.NotEqual(KeyReason.Source, result.Value.Reason);
        }
    }

    public static TheoryData<bool, bool, bool, bool, string?> Sharing => new()
    {
        // encrypted, service key, BYOK key (Origin EXTERNAL), make public, expected code (null: allowed)
        { false, false, false, false, null },
        { false, false, false, true, null },
        { true, true, false, false, "InvalidOperation.ServiceKeyEncryptedImageUnsupported" },
        { true, false, true, false, null },
        { true, false, false, false, "OperationDeined.EncryptedSnapshot" },
        { true, false, true, true, "OperationDeined.EncryptedSnapshot" },
        { true, true, false, true, "OperationDeined.EncryptedSnapshot" },
        { true, false, false, true, "OperationDeined.EncryptedSnapshot" },
    };

    [Theory]
    [MemberData(nameof(Sharing))]
    public void CheckShareable_applies_sharing_rules(bool encrypted, bool serviceKey, bool external, bool makePublic, string? expectedCode)
    {
        var error = EncryptionDecisionEngine.CheckShareable(encrypted, serviceKey, external, makePublic);

        Assert.Equal(expectedCode, error?.Code);
    }

    [Fact]
    public void CheckShareable_rejection_returns_403_message()
    {
        var serviceKey = EncryptionDecisionEngine.CheckShareable(encrypted: true, keyIsServiceKey: true, keyIsExternalOrigin: false, makePublic: false);
        var customerKey = EncryptionDecisionEngine.CheckShareable(encrypted: true, keyIsServiceKey: false, keyIsExternalOrigin: false, makePublic: false);

        Assert.Equal(403, serviceKey?.HttpStatus);
        Assert.Equal(403, customerKey?.HttpStatus);
        Assert.Equal(
            "The specified service key encrypted image is not supported for this operation. Please switch to a CMK (Customer Master Key) encrypted image and retry.",
            serviceKey?.Message);
        Assert.Equal("The image contains encrypted snapshots, which do not support share.", customerKey?.Message);
    }
}
