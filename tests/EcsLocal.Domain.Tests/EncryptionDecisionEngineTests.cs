using EcsLocal.Domain.Encryption;
using static EcsLocal.Domain.Tests.EncryptionRequestBuilder;

namespace EcsLocal.Domain.Tests;

/// <summary>New disks: CreateDisk and the system and data disks of RunInstances and CreateInstance.</summary>
public partial class EncryptionDecisionEngineTests
{
    // Encrypted not requested. Each row runs with Encrypted omitted and with Encrypted=false.
    // Columns: source, default encryption on, key specified, outcome.
    private static readonly (SourceKind Source, bool DefaultOn, bool WithKey, string Outcome)[] s_newDiskNotRequested =
    [
        (SourceKind.EmptyDisk, false, false, Outcome.NotEncrypted),
        (SourceKind.EmptyDisk, false, true, Outcome.KeyWithoutEncrypted),
        (SourceKind.EmptyDisk, true, false, Outcome.DefaultKey),
        (SourceKind.EmptyDisk, true, true, Outcome.SpecifiedKey),
        (SourceKind.OwnPlain, false, false, Outcome.NotEncrypted),
        (SourceKind.OwnPlain, false, true, Outcome.KeyWithoutEncrypted),
        (SourceKind.OwnPlain, true, false, Outcome.DefaultKey),
        (SourceKind.OwnPlain, true, true, Outcome.SpecifiedKey),
        (SourceKind.OwnEncrypted, false, false, Outcome.SourceKey),
        (SourceKind.OwnEncrypted, false, true, Outcome.KeyWithoutEncrypted),
        (SourceKind.OwnEncrypted, true, false, Outcome.SourceKey),
        (SourceKind.OwnEncrypted, true, true, Outcome.SpecifiedKey),
        (SourceKind.SharedPlain, false, false, Outcome.NotEncrypted),
        (SourceKind.SharedPlain, false, true, Outcome.KeyWithoutEncrypted),
        (SourceKind.SharedPlain, true, false, Outcome.DefaultKey),
        (SourceKind.SharedPlain, true, true, Outcome.SpecifiedKey),
        (SourceKind.SharedEncrypted, false, false, Outcome.ServiceKey),
        (SourceKind.SharedEncrypted, false, true, Outcome.KeyWithoutEncrypted),
        (SourceKind.SharedEncrypted, true, false, Outcome.DefaultKey),
        (SourceKind.SharedEncrypted, true, true, Outcome.SpecifiedKey),
    ];

    public static TheoryData<SourceKind, EncryptedParameter, bool, bool, string> NewDiskNotRequested()
    {
        var data = new TheoryData<SourceKind, EncryptedParameter, bool, bool, string>();
        foreach (var parameter in new[] { EncryptedParameter.Omitted, EncryptedParameter.False })
        {
            foreach (var row in s_newDiskNotRequested)
            {
                data.Add(row.Source, parameter, row.DefaultOn, row.WithKey, row.Outcome);
            }
        }

        return data;
    }

    public static TheoryData<SourceKind, bool, bool, string> NewDiskRequested => new()
    {
        // source, default encryption on, key specified, outcome
        { SourceKind.EmptyDisk, false, false, Outcome.ServiceKey },
        { SourceKind.EmptyDisk, false, true, Outcome.SpecifiedKey },
        { SourceKind.EmptyDisk, true, false, Outcome.DefaultKey },
        { SourceKind.EmptyDisk, true, true, Outcome.SpecifiedKey },
        { SourceKind.OwnPlain, false, false, Outcome.ServiceKey },
        { SourceKind.OwnPlain, false, true, Outcome.SpecifiedKey },
        { SourceKind.OwnPlain, true, false, Outcome.DefaultKey },
        { SourceKind.OwnPlain, true, true, Outcome.SpecifiedKey },
        { SourceKind.OwnEncrypted, false, false, Outcome.SourceKey },
        { SourceKind.OwnEncrypted, false, true, Outcome.SpecifiedKey },
        { SourceKind.OwnEncrypted, true, false, Outcome.SourceKey },
        { SourceKind.OwnEncrypted, true, true, Outcome.SpecifiedKey },
        { SourceKind.SharedPlain, false, false, Outcome.ServiceKey },
        { SourceKind.SharedPlain, false, true, Outcome.SpecifiedKey },
        { SourceKind.SharedPlain, true, false, Outcome.DefaultKey },
        { SourceKind.SharedPlain, true, true, Outcome.SpecifiedKey },
        { SourceKind.SharedEncrypted, false, false, Outcome.ServiceKey },
        { SourceKind.SharedEncrypted, false, true, Outcome.SpecifiedKey },
        { SourceKind.SharedEncrypted, true, false, Outcome.DefaultKey },
        { SourceKind.SharedEncrypted, true, true, Outcome.SpecifiedKey },
    };

    [Theory]
    [MemberData(nameof(NewDiskNotRequested))]
    public void Decide_new_disk_not_requested_follows_table(
        SourceKind source, EncryptedParameter encrypted, bool defaultOn, bool withKey, string expected)
    {
        var result = EncryptionDecisionEngine.Decide(NewDisk(source, encrypted, defaultOn, withKey));

        Outcome.AssertMatches(expected, result);
    }

    [Theory]
    [MemberData(nameof(NewDiskRequested))]
    public void Decide_new_disk_requested_follows_table(SourceKind source, bool defaultOn, bool withKey, string expected)
    {
        var result = EncryptionDecisionEngine.Decide(NewDisk(source, EncryptedParameter.True, defaultOn, withKey));

        Outcome.AssertMatches(expected, result);
    }

    public static TheoryData<string, SourceKind, EncryptedParameter, bool, string> NewDiskCategories => new()
    {
        // category, source, Encrypted, default encryption on, outcome

        // Encryption requested from a non-encrypted snapshot or image: only the basic, ultra and standard SSD
        // categories are rejected.
        { "cloud", SourceKind.OwnPlain, EncryptedParameter.True, false, Outcome.DiskCategory },
        { "cloud_efficiency", SourceKind.OwnPlain, EncryptedParameter.True, false, Outcome.DiskCategory },
        { "cloud_ssd", SourceKind.OwnPlain, EncryptedParameter.True, false, Outcome.DiskCategory },
        { "cloud_essd", SourceKind.OwnPlain, EncryptedParameter.True, false, Outcome.ServiceKey },
        { "cloud_essd_entry", SourceKind.OwnPlain, EncryptedParameter.True, false, Outcome.ServiceKey },
        { "cloud_auto", SourceKind.OwnPlain, EncryptedParameter.True, false, Outcome.ServiceKey },
        { "cloud", SourceKind.SharedPlain, EncryptedParameter.True, false, Outcome.DiskCategory },
        { "cloud_essd", SourceKind.SharedPlain, EncryptedParameter.True, false, Outcome.ServiceKey },

        // A non-encrypted disk from a non-encrypted source has no category rule.
        { "cloud", SourceKind.OwnPlain, EncryptedParameter.Omitted, false, Outcome.NotEncrypted },
        { "cloud_efficiency", SourceKind.OwnPlain, EncryptedParameter.False, false, Outcome.NotEncrypted },
        { "cloud_ssd", SourceKind.SharedPlain, EncryptedParameter.Omitted, false, Outcome.NotEncrypted },
        { "cloud_essd", SourceKind.OwnPlain, EncryptedParameter.Omitted, false, Outcome.NotEncrypted },
        { "cloud_essd_entry", SourceKind.OwnPlain, EncryptedParameter.Omitted, false, Outcome.NotEncrypted },
        { "cloud_auto", SourceKind.OwnPlain, EncryptedParameter.Omitted, false, Outcome.NotEncrypted },

        // Encryption forced by default encryption, from a non-encrypted source.
        { "cloud", SourceKind.OwnPlain, EncryptedParameter.Omitted, true, Outcome.DiskCategory },
        { "cloud_efficiency", SourceKind.OwnPlain, EncryptedParameter.False, true, Outcome.DiskCategory },
        { "cloud_ssd", SourceKind.SharedPlain, EncryptedParameter.Omitted, true, Outcome.DiskCategory },
        { "cloud_essd", SourceKind.OwnPlain, EncryptedParameter.Omitted, true, Outcome.DefaultKey },
        { "cloud_essd_entry", SourceKind.OwnPlain, EncryptedParameter.False, true, Outcome.DefaultKey },
        { "cloud_auto", SourceKind.SharedPlain, EncryptedParameter.Omitted, true, Outcome.DefaultKey },

        // An encrypted source with default encryption off: every category keeps or replaces the encryption.
        { "cloud", SourceKind.OwnEncrypted, EncryptedParameter.Omitted, false, Outcome.SourceKey },
        { "cloud_efficiency", SourceKind.OwnEncrypted, EncryptedParameter.True, false, Outcome.SourceKey },
        { "cloud_ssd", SourceKind.OwnEncrypted, EncryptedParameter.False, false, Outcome.SourceKey },
        { "cloud_essd", SourceKind.OwnEncrypted, EncryptedParameter.Omitted, false, Outcome.SourceKey },
        { "cloud_essd_entry", SourceKind.OwnEncrypted, EncryptedParameter.True, false, Outcome.SourceKey },
        { "cloud_auto", SourceKind.OwnEncrypted, EncryptedParameter.Omitted, false, Outcome.SourceKey },
        { "cloud", SourceKind.SharedEncrypted, EncryptedParameter.Omitted, false, Outcome.ServiceKey },
        { "cloud_ssd", SourceKind.SharedEncrypted, EncryptedParameter.True, false, Outcome.ServiceKey },

        // Any source while default encryption is on must make an ESSD, ESSD Entry or ESSD AutoPL disk.
        { "cloud", SourceKind.OwnEncrypted, EncryptedParameter.Omitted, true, Outcome.DiskCategory },
        { "cloud_efficiency", SourceKind.OwnEncrypted, EncryptedParameter.True, true, Outcome.DiskCategory },
        { "cloud_ssd", SourceKind.SharedEncrypted, EncryptedParameter.Omitted, true, Outcome.DiskCategory },
        { "cloud_essd", SourceKind.OwnEncrypted, EncryptedParameter.Omitted, true, Outcome.SourceKey },
        { "cloud_essd_entry", SourceKind.SharedEncrypted, EncryptedParameter.True, true, Outcome.DefaultKey },
        { "cloud_auto", SourceKind.OwnEncrypted, EncryptedParameter.False, true, Outcome.SourceKey },
        { "cloud_regional_disk_auto", SourceKind.OwnEncrypted, EncryptedParameter.Omitted, true, Outcome.DiskCategory },
        { "cloud_regional_disk_auto", SourceKind.OwnPlain, EncryptedParameter.True, true, Outcome.DiskCategory },

        // A new empty disk has no category rule, with default encryption on or off.
        { "cloud", SourceKind.EmptyDisk, EncryptedParameter.Omitted, true, Outcome.DefaultKey },
        { "cloud_efficiency", SourceKind.EmptyDisk, EncryptedParameter.True, true, Outcome.DefaultKey },
        { "cloud_ssd", SourceKind.EmptyDisk, EncryptedParameter.False, true, Outcome.DefaultKey },
        { "cloud", SourceKind.EmptyDisk, EncryptedParameter.True, false, Outcome.ServiceKey },
        { "cloud_efficiency", SourceKind.EmptyDisk, EncryptedParameter.True, false, Outcome.ServiceKey },
        { "cloud_ssd", SourceKind.EmptyDisk, EncryptedParameter.True, false, Outcome.ServiceKey },
        { "cloud_essd_entry", SourceKind.EmptyDisk, EncryptedParameter.Omitted, true, Outcome.DefaultKey },
        { "cloud_auto", SourceKind.EmptyDisk, EncryptedParameter.True, false, Outcome.ServiceKey },
    };

    [Theory]
    [MemberData(nameof(NewDiskCategories))]
    public void Decide_new_disk_applies_category_rules(
        string category, SourceKind source, EncryptedParameter encrypted, bool defaultOn, string expected)
    {
        var result = EncryptionDecisionEngine.Decide(NewDisk(source, encrypted, defaultOn, withKey: false, category));

        Outcome.AssertMatches(expected, result);
    }

    [Fact]
    public void Decide_specified_key_keeps_category_rule()
    {
        var request = NewDisk(SourceKind.OwnPlain, EncryptedParameter.True, defaultOn: false, withKey: true, DiskCategories.CloudSsd);

        var result = EncryptionDecisionEngine.Decide(request);

        Outcome.AssertMatches(Outcome.DiskCategory, result);
    }

    [Fact]
    public void Decide_missing_category_means_cloud()
    {
        var request = NewDisk(SourceKind.OwnPlain, EncryptedParameter.True, defaultOn: false, withKey: false) with { DiskCategory = null };

        var result = EncryptionDecisionEngine.Decide(request);

        Outcome.AssertMatches(Outcome.DiskCategory, result);
    }

    [Fact]
    public void Decide_key_without_encryption_precedes_category()
    {
        var request = NewDisk(SourceKind.OwnPlain, EncryptedParameter.False, defaultOn: false, withKey: true, DiskCategories.Cloud);

        var result = EncryptionDecisionEngine.Decide(request);

        Outcome.AssertMatches(Outcome.KeyWithoutEncrypted, result);
    }

    [Fact]
    public void Decide_new_disk_rejection_carries_service_message()
    {
        var request = NewDisk(SourceKind.OwnPlain, EncryptedParameter.Omitted, defaultOn: true, withKey: false, DiskCategories.Cloud);

        var result = EncryptionDecisionEngine.Decide(request);

        Assert.False(result.IsSuccess);
        Assert.Equal(
            "The specified disk category does not support creating encrypted system disks or creating encrypted data disks from snapshots. Check the DiskCategory or Encrypted parameter, or check your account for default encryption settings.",
            result.Error.Message);
    }
}
