using EcsLocal.Domain.Encryption;

namespace EcsLocal.Domain.Tests;

/// <summary>The categories a form may offer for a disk made from a snapshot, which must match what Decide accepts.</summary>
public sealed class CategoryFromSourceTests
{
    private static readonly string[] s_categories =
    [
        DiskCategories.Cloud, DiskCategories.CloudEfficiency, DiskCategories.CloudSsd, DiskCategories.CloudEssd, DiskCategories.CloudEssdEntry,
        DiskCategories.CloudAuto,
    ];

    [Theory]
    [InlineData(false, false, false, "cloud,cloud_efficiency,cloud_ssd,cloud_essd,cloud_essd_entry,cloud_auto")]
    [InlineData(false, true, false, "cloud_essd,cloud_essd_entry,cloud_auto")]
    [InlineData(true, false, false, "cloud,cloud_efficiency,cloud_ssd,cloud_essd,cloud_essd_entry,cloud_auto")]
    [InlineData(true, true, false, "cloud,cloud_efficiency,cloud_ssd,cloud_essd,cloud_essd_entry,cloud_auto")]
    [InlineData(false, false, true, "cloud_essd,cloud_essd_entry,cloud_auto")]
    [InlineData(true, false, true, "cloud_essd,cloud_essd_entry,cloud_auto")]
    public void Offered_categories(bool sourceEncrypted, bool requested, bool defaultOn, string expected)
    {
        var offered = s_categories.Where(category => EncryptionDecisionEngine.AllowsCategoryFromSource(category, sourceEncrypted, requested, defaultOn));

        Assert.Equal(expected, string.Join(',', offered));
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, false, false)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    public void Offered_categories_match_Decide(bool sourceEncrypted, bool requested, bool defaultOn)
    {
        foreach (var category in s_categories)
        {
            var decision = EncryptionDecisionEngine.Decide(new EncryptionRequest(
                EncryptionOperation.NewDisk,
                new EncryptionSource(SourceOwnership.Own, sourceEncrypted, sourceEncrypted ? "source-key" : null, "cn-hangzhou"),
                requested ? EncryptedParameter.True : EncryptedParameter.Omitted,
                null,
                new RegionDefault(defaultOn, defaultOn ? "default-key" : null),
                "cn-hangzhou",
                category));

            Assert.Equal(decision.IsSuccess, EncryptionDecisionEngine.AllowsCategoryFromSource(category, sourceEncrypted, requested, defaultOn));
        }
    }
}
