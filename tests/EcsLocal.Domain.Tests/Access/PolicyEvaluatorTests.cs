using EcsLocal.Domain.Access;

namespace EcsLocal.Domain.Tests.Access;

public class PolicyEvaluatorTests
{
    private const string Region = "cn-hangzhou";
    private const string Account = "1234567890123456";

    private static readonly Dictionary<string, string> s_noContext = [];

    [Theory]
    [InlineData("*", "ecs:CreateDisk", true)]
    [InlineData("ecs:*", "ecs:CreateDisk", true)]
    [InlineData("ecs:*", "kms:CreateKey", false)]
    [InlineData("ecs:Describe*", "ecs:DescribeDisks", true)]
    [InlineData("ecs:Describe*", "ecs:CreateDisk", false)]
    [InlineData("ecs:*Disk", "ecs:CreateDisk", true)]
    [InlineData("ecs:*Disk", "ecs:CreateDisks", false)]
    [InlineData("ecs:Create*Key", "ecs:CreateDiskKey", true)]
    [InlineData("ecs:?reateDisk", "ecs:CreateDisk", true)]
    [InlineData("ecs:?reateDisk", "ecs:ReCreateDisk", false)]
    [InlineData("ecs:DescribeDisk?", "ecs:DescribeDisks", true)]
    [InlineData("ecs:DescribeDisk?", "ecs:DescribeDisk", false)]
    [InlineData("ECS:describedisks", "ecs:DescribeDisks", true)]
    [InlineData("ecs:DescribeDisks", "ECS:DESCRIBEDISKS", true)]
    [InlineData("ram:List*", "ram:ListUsers", true)]
    public void Evaluate_matches_action_wildcards_ignoring_case(string pattern, string action, bool allowed)
    {
        var decision = Evaluate(Allow(pattern, "*"), action, "*");

        Assert.Equal(allowed ? AccessDecision.Allow : AccessDecision.ImplicitDeny, decision);
    }

    [Theory]
    [InlineData("*", "acs:ecs:cn-hangzhou:1234567890123456:disk/d-1", true)]
    [InlineData("acs:ecs:*:*:disk/*", "acs:ecs:cn-hangzhou:1234567890123456:disk/d-1", true)]
    [InlineData("acs:ecs:*:*:disk/*", "acs:ecs:cn-hangzhou:1234567890123456:snapshot/s-1", false)]
    [InlineData("acs:ecs:cn-*:*:disk/d-?", "acs:ecs:cn-beijing:1234567890123456:disk/d-7", true)]
    [InlineData("acs:ecs:cn-*:*:disk/d-?", "acs:ecs:cn-beijing:1234567890123456:disk/d-77", false)]
    [InlineData("acs:ecs:*:1234567890123456:*", "acs:ecs:cn-hangzhou:1234567890123456:instance/i-1", true)]
    [InlineData("acs:ecs:*:1234567890123456:*", "acs:ecs:cn-hangzhou:6543210987654321:instance/i-1", false)]
    [InlineData("acs:ecs:cn-hangzhou:1234567890123456:disk/d-ABC", "acs:ecs:cn-hangzhou:1234567890123456:disk/d-abc", false)]
    [InlineData("acs:ram:*:1234567890123456:user/alice", "acs:ram:*:1234567890123456:user/Alice", false)]
    public void Evaluate_matches_resource_wildcards_with_case(string pattern, string resource, bool allowed)
    {
        var decision = Evaluate(Allow("ecs:*", pattern), "ecs:DeleteDisk", resource);

        Assert.Equal(allowed ? AccessDecision.Allow : AccessDecision.ImplicitDeny, decision);
    }

    [Fact]
    public void Evaluate_without_policies_denies_implicitly()
    {
        var request = new AccessRequest("ecs:DescribeDisks", [], s_noContext);

        Assert.Equal(AccessDecision.ImplicitDeny, PolicyEvaluator.Evaluate([], request));
    }

    [Fact]
    public void Evaluate_without_resources_checks_star()
    {
        var allowAll = Allow("ecs:DescribeRegions", "*");
        var allowDisks = Allow("ecs:DescribeRegions", "acs:ecs:*:*:disk/*");

        Assert.Equal(AccessDecision.Allow, PolicyEvaluator.Evaluate([allowAll], new AccessRequest("ecs:DescribeRegions", [], s_noContext)));
        Assert.Equal(AccessDecision.ImplicitDeny, PolicyEvaluator.Evaluate([allowDisks], new AccessRequest("ecs:DescribeRegions", [], s_noContext)));
    }

    [Fact]
    public void Evaluate_explicit_deny_wins_over_allow()
    {
        var policies = new[] { Allow("ecs:*", "*"), Deny("ecs:DeleteDisk", "*") };

        Assert.Equal(AccessDecision.ExplicitDeny, PolicyEvaluator.Evaluate(policies, Request("ecs:DeleteDisk", Disk("d-1"))));
        Assert.Equal(AccessDecision.Allow, PolicyEvaluator.Evaluate(policies, Request("ecs:CreateDisk", Disk("d-1"))));
    }

    [Fact]
    public void Evaluate_deny_within_one_document_wins()
    {
        var document = Parse("""
            {"Version":"1","Statement":[
              {"Effect":"Deny","Action":"ecs:*","Resource":"acs:ecs:*:*:disk/d-locked"},
              {"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}
            """);

        Assert.Equal(AccessDecision.ExplicitDeny, PolicyEvaluator.Evaluate([document], Request("ecs:ResizeDisk", Disk("d-locked"))));
        Assert.Equal(AccessDecision.Allow, PolicyEvaluator.Evaluate([document], Request("ecs:ResizeDisk", Disk("d-open"))));
    }

    [Fact]
    public void Evaluate_requires_every_resource_allowed()
    {
        var policy = Allow("ecs:AttachDisk", ResourceArn.Disk(Region, Account, "*"));
        var request = new AccessRequest("ecs:AttachDisk", [Disk("d-1"), ResourceArn.Instance(Region, Account, "i-1")], s_noContext);

        Assert.Equal(AccessDecision.ImplicitDeny, PolicyEvaluator.Evaluate([policy], request));
    }

    [Fact]
    public void Evaluate_allows_resources_covered_by_separate_statements()
    {
        var policies = new[]
        {
            Allow("ecs:AttachDisk", "acs:ecs:*:*:disk/*"),
            Allow("ecs:AttachDisk", "acs:ecs:*:*:instance/*"),
        };
        var request = new AccessRequest("ecs:AttachDisk", [Disk("d-1"), ResourceArn.Instance(Region, Account, "i-1")], s_noContext);

        Assert.Equal(AccessDecision.Allow, PolicyEvaluator.Evaluate(policies, request));
    }

    [Fact]
    public void Evaluate_denies_when_one_resource_is_denied()
    {
        var policies = new[] { Allow("ecs:*", "*"), Deny("ecs:*", "acs:ecs:*:*:instance/i-prod") };
        var request = new AccessRequest("ecs:AttachDisk", [Disk("d-1"), ResourceArn.Instance(Region, Account, "i-prod")], s_noContext);

        Assert.Equal(AccessDecision.ExplicitDeny, PolicyEvaluator.Evaluate(policies, request));
    }

    [Fact]
    public void Evaluate_not_action_covers_unlisted_actions()
    {
        var policy = Parse("""{"Version":"1","Statement":[{"Effect":"Allow","NotAction":["ram:*","kms:Delete*"],"Resource":"*"}]}""");

        Assert.Equal(AccessDecision.Allow, PolicyEvaluator.Evaluate([policy], Request("ecs:CreateDisk", "*")));
        Assert.Equal(AccessDecision.Allow, PolicyEvaluator.Evaluate([policy], Request("kms:CreateKey", "*")));
        Assert.Equal(AccessDecision.ImplicitDeny, PolicyEvaluator.Evaluate([policy], Request("ram:CreateUser", "*")));
        Assert.Equal(AccessDecision.ImplicitDeny, PolicyEvaluator.Evaluate([policy], Request("kms:DeleteAlias", "*")));
    }

    [Fact]
    public void Evaluate_deny_with_false_condition_does_not_apply()
    {
        var deny = Parse("""
            {"Version":"1","Statement":[{"Effect":"Deny","Action":"ecs:CreateDisk","Resource":"*",
              "Condition":{"Bool":{"ecs:IsDiskEncrypted":"false"}}}]}
            """);
        var policies = new[] { Allow("ecs:*", "*"), deny };

        Assert.Equal(AccessDecision.ExplicitDeny, Evaluate(policies, "ecs:CreateDisk", ("ecs:IsDiskEncrypted", "false")));
        Assert.Equal(AccessDecision.Allow, Evaluate(policies, "ecs:CreateDisk", ("ecs:IsDiskEncrypted", "true")));
        Assert.Equal(AccessDecision.Allow, Evaluate(policies, "ecs:CreateDisk"));
    }

    [Fact]
    public void ResourceArn_builds_documented_formats()
    {
        Assert.Equal("acs:ecs:cn-hangzhou:123:disk/d-1", ResourceArn.Create("ecs", "cn-hangzhou", "123", "disk", "d-1"));
        Assert.Equal("acs:ecs:cn-hangzhou:123:disk/d-1", ResourceArn.Disk("cn-hangzhou", "123", "d-1"));
        Assert.Equal("acs:ecs:cn-hangzhou:123:snapshot/s-1", ResourceArn.Snapshot("cn-hangzhou", "123", "s-1"));
        Assert.Equal("acs:ecs:cn-hangzhou:123:image/m-1", ResourceArn.Image("cn-hangzhou", "123", "m-1"));
        Assert.Equal("acs:ecs:cn-hangzhou:123:instance/i-1", ResourceArn.Instance("cn-hangzhou", "123", "i-1"));
        Assert.Equal("acs:ecs:cn-hangzhou:123:diskencryptiondefaultconfig/*", ResourceArn.DiskEncryptionDefaultConfig("cn-hangzhou", "123"));
        Assert.Equal("acs:kms:cn-hangzhou:123:key/k-1", ResourceArn.KmsKey("cn-hangzhou", "123", "k-1"));
        Assert.Equal("acs:ram:*:123:user/alice", ResourceArn.RamUser("123", "alice"));
        Assert.Equal("acs:ram:*:123:policy/OSS-Administrator", ResourceArn.RamPolicy("123", "OSS-Administrator"));
        Assert.Equal("acs:ram:*:123:role/ops", ResourceArn.RamRole("123", "ops"));
    }

    internal static PolicyDocument Parse(string json)
    {
        var result = PolicyDocument.Parse(json);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static PolicyDocument Allow(string action, string resource) => Statement("Allow", action, resource);

    private static PolicyDocument Deny(string action, string resource) => Statement("Deny", action, resource);

    private static PolicyDocument Statement(string effect, string action, string resource) =>
        Parse($$"""{"Version":"1","Statement":[{"Effect":"{{effect}}","Action":"{{action}}","Resource":"{{resource}}"}]}""");

    private static string Disk(string id) => ResourceArn.Disk(Region, Account, id);

    private static AccessRequest Request(string action, string resource) => new(action, [resource], s_noContext);

    private static AccessDecision Evaluate(PolicyDocument policy, string action, string resource) =>
        PolicyEvaluator.Evaluate([policy], Request(action, resource));

    private static AccessDecision Evaluate(IEnumerable<PolicyDocument> policies, string action, params (string Key, string Value)[] context) =>
        PolicyEvaluator.Evaluate(policies, new AccessRequest(action, ["*"], context.ToDictionary(pair => pair.Key, pair => pair.Value)));
}
