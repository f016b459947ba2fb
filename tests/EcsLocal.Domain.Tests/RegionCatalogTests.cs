using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Regions;

namespace EcsLocal.Domain.Tests;

public class RegionCatalogTests
{
    [Fact]
    public void All_lists_29_regions_in_service_order()
    {
        Assert.Equal(29, RegionCatalog.All.Count);
        Assert.Equal("cn-qingdao", RegionCatalog.All[0].Id);
        Assert.Equal("eu-central-1", RegionCatalog.All[^1].Id);
        Assert.Equal(RegionCatalog.All.Count, RegionCatalog.All.Select(region => region.Id).Distinct().Count());
        Assert.Equal(RegionCatalog.All.Count, RegionCatalog.All.Select(region => region.IdCode).Distinct().Count());
    }

    [Fact]
    public void Find_returns_names_endpoint_and_zones()
    {
        var hangzhou = RegionCatalog.Find("cn-hangzhou")!;
        var beijing = RegionCatalog.Find("cn-beijing")!;

        Assert.Equal("华东1（杭州）", hangzhou.LocalNameChinese);
        Assert.Equal("China (Hangzhou)", hangzhou.LocalNameEnglish);
        Assert.Equal("ecs.aliyuncs.com", hangzhou.EcsEndpoint);
        Assert.Equal("ecs.cn-beijing.aliyuncs.com", beijing.EcsEndpoint);
        Assert.Contains("cn-hangzhou-i", hangzhou.Zones);
        Assert.Equal("bp", hangzhou.IdCode);
    }

    [Theory]
    [InlineData("cn-hangzhou", true)]
    [InlineData("CN-HANGZHOU", false)]
    [InlineData("cn-hangzhou ", false)]
    [InlineData("mars-north-1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Exists_matches_exact_ids(string? regionId, bool exists)
    {
        Assert.Equal(exists, RegionCatalog.Exists(regionId));
    }

    [Theory]
    [InlineData("1234567890123456", true)]
    [InlineData("0234567890123456", false)]
    [InlineData("123456789012345", false)]
    [InlineData("12345678901234567", false)]
    [InlineData("12345678901234ab", false)]
    [InlineData("", false)]
    public void AccountIds_are_16_digits(string value, bool valid)
    {
        Assert.Equal(valid, AccountIds.IsValid(value));
    }
}
