namespace EcsLocal.Domain.Regions;

/// <summary>
/// The public regions of Alibaba Cloud in DescribeRegions order, with their Chinese and English names and zones.
/// </summary>
/// <remarks>
/// The id codes bp (cn-hangzhou), uf, 2z, wz, t4 and j6 follow real resource ids. The other codes and
/// the zone letters are plausible values chosen for EcsLocal, not taken from the service.
/// </remarks>
public static class RegionCatalog
{
    public static IReadOnlyList<Region> All { get; } =
    [
        Create("cn-qingdao", "华北1（青岛）", "China (Qingdao)", "m5", "bc"),
        Create("cn-beijing", "华北2（北京）", "China (Beijing)", "2z", "acdefghijkl"),
        Create("cn-zhangjiakou", "华北3（张家口）", "China (Zhangjiakou)", "8v", "abc"),
        Create("cn-huhehaote", "华北5（呼和浩特）", "China (Hohhot)", "hp", "ab"),
        Create("cn-wulanchabu", "华北6（乌兰察布）", "China (Ulanqab)", "0j", "abc"),
        Create("cn-hangzhou", "华东1（杭州）", "China (Hangzhou)", "bp", "bghijk"),
        Create("cn-shanghai", "华东2（上海）", "China (Shanghai)", "uf", "abefglmn"),
        Create("cn-nanjing", "华东5（南京-本地地域）", "China (Nanjing - Local Region)", "gc", "a"),
        Create("cn-shenzhen", "华南1（深圳）", "China (Shenzhen)", "wz", "acdef"),
        Create("cn-heyuan", "华南2（河源）", "China (Heyuan)", "f8", "ab"),
        Create("cn-guangzhou", "华南3（广州）", "China (Guangzhou)", "7x", "ab"),
        Create("cn-fuzhou", "华东6（福州-本地地域）", "China (Fuzhou - Local Region)", "gw", "a"),
        Create("cn-wuhan-lr", "华中1（武汉-本地地域）", "China (Wuhan - Local Region)", "n4", "a"),
        Create("cn-chengdu", "西南1（成都）", "China (Chengdu)", "2v", "ab"),
        Create("cn-hongkong", "中国香港", "China (Hong Kong)", "j6", "bcd"),
        Create("ap-northeast-1", "日本（东京）", "Japan (Tokyo)", "6w", "abc"),
        Create("ap-northeast-2", "韩国（首尔）", "South Korea (Seoul)", "mj", "a"),
        Create("ap-southeast-1", "新加坡", "Singapore", "t4", "abc"),
        Create("ap-southeast-2", "澳大利亚（悉尼）", "Australia (Sydney)", "p0", "ab"),
        Create("ap-southeast-3", "马来西亚（吉隆坡）", "Malaysia (Kuala Lumpur)", "8p", "ab"),
        Create("ap-southeast-6", "菲律宾（马尼拉）", "Philippines (Manila)", "5t", "a"),
        Create("ap-southeast-5", "印度尼西亚（雅加达）", "Indonesia (Jakarta)", "k1", "abc"),
        Create("ap-south-1", "印度（孟买）", "India (Mumbai)", "a2", "ab"),
        Create("ap-southeast-7", "泰国（曼谷）", "Thailand (Bangkok)", "xz", "a"),
        Create("us-east-1", "美国（弗吉尼亚）", "US (Virginia)", "0x", "ab"),
        Create("us-west-1", "美国（硅谷）", "US (Silicon Valley)", "rj", "ab"),
        Create("eu-west-1", "英国（伦敦）", "UK (London)", "d7", "ab"),
        Create("me-east-1", "阿联酋（迪拜）", "UAE (Dubai)", "eb", "a"),
        Create("eu-central-1", "德国（法兰克福）", "Germany (Frankfurt)", "4r", "ab"),
    ];

    private static readonly Dictionary<string, Region> s_byId = All.ToDictionary(region => region.Id, StringComparer.Ordinal);

    /// <summary>Finds a region by its exact id; region ids are case-sensitive, as in the service.</summary>
    public static Region? Find(string? regionId) =>
        regionId is not null && s_byId.TryGetValue(regionId, out var region) ? region : null;

    public static bool Exists(string? regionId) => Find(regionId) is not null;

    private static Region Create(string id, string chineseName, string englishName, string idCode, string zoneLetters) =>
        new(id, chineseName, englishName, idCode, zoneLetters.Select(letter => $"{id}-{letter}").ToArray());
}
