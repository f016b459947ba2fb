using EcsLocal.Domain.Kms;

namespace EcsLocal.Domain.Tests;

public class KeyReferenceTests
{
    [Theory]
    [InlineData("0e478b7a-4262-4802-b8cb-00d3fb408268", "0e478b7a-4262-4802-b8cb-00d3fb408268", null, null, null)]
    [InlineData("alias/acs/ecs", null, "alias/acs/ecs", null, null)]
    [InlineData("acs:kms:cn-beijing:1234567890123456:key/k-1", "k-1", null, "cn-beijing", "1234567890123456")]
    [InlineData("acs:kms:cn-beijing:1234567890123456:alias/mine", null, "alias/mine", "cn-beijing", "1234567890123456")]
    public void Parse_reads_id_alias_and_arns(string value, string? keyId, string? alias, string? region, string? account)
    {
        var reference = KeyReference.Parse(value)!;

        Assert.Equal(keyId, reference.KeyId);
        Assert.Equal(alias, reference.AliasName);
        Assert.Equal(region, reference.ArnRegionId);
        Assert.Equal(account, reference.ArnAccountId);
    }

    [Theory]
    [InlineData("acs:kms:cn-beijing:1234567890123456")]
    [InlineData("acs:ecs:cn-beijing:1234567890123456:key/k-1")]
    [InlineData("acs:kms::1234567890123456:key/k-1")]
    [InlineData("acs:kms:cn-beijing:1234567890123456:key/")]
    [InlineData("acs:kms:cn-beijing:1234567890123456:secret/s")]
    public void Parse_rejects_malformed_arns(string value)
    {
        Assert.Null(KeyReference.Parse(value));
    }

    [Fact]
    public void PointsOutside_detects_other_region_or_account()
    {
        var reference = KeyReference.Parse("acs:kms:cn-beijing:1234567890123456:key/k-1")!;

        Assert.False(reference.PointsOutside("cn-beijing", "1234567890123456"));
        Assert.True(reference.PointsOutside("cn-hangzhou", "1234567890123456"));
        Assert.True(reference.PointsOutside("cn-beijing", "6543210987654321"));
        Assert.False(KeyReference.Parse("k-1")!.PointsOutside("cn-hangzhou", "1"));
    }
}
