using EcsLocal.Domain.Access;

namespace EcsLocal.Domain.Tests.Access;

public class PolicyConditionTests
{
    [Theory]
    [InlineData("StringEquals", "secretsmanager-rds.kms.aliyuncs.com", true)]
    [InlineData("StringEquals", "SECRETSMANAGER-RDS.kms.aliyuncs.com", false)]
    [InlineData("StringEquals", "other.aliyuncs.com", false)]
    [InlineData("StringNotEquals", "other.aliyuncs.com", true)]
    [InlineData("StringNotEquals", "keystore.kms.aliyuncs.com", false)]
    [InlineData("StringEqualsIgnoreCase", "KEYSTORE.KMS.ALIYUNCS.COM", true)]
    [InlineData("StringEqualsIgnoreCase", "other.aliyuncs.com", false)]
    [InlineData("StringNotEqualsIgnoreCase", "other.aliyuncs.com", true)]
    [InlineData("StringNotEqualsIgnoreCase", "KEYSTORE.kms.aliyuncs.com", false)]
    public void Holds_compares_strings_with_or_and_nor(string op, string requestValue, bool holds)
    {
        var condition = Condition(op, "ram:ServiceName", "secretsmanager-rds.kms.aliyuncs.com", "keystore.kms.aliyuncs.com");

        Assert.Equal(holds, condition.Holds(Context("ram:ServiceName", requestValue)));
    }

    [Theory]
    [InlineData("StringLike", "keystore.kms.aliyuncs.com", true)]
    [InlineData("StringLike", "ecs.aliyuncs.com", true)]
    [InlineData("StringLike", "keystore.KMS.aliyuncs.com", false)]
    [InlineData("StringLike", "vpc.aliyuncs.com", false)]
    [InlineData("StringNotLike", "vpc.aliyuncs.com", true)]
    [InlineData("StringNotLike", "ecs.aliyuncs.com", false)]
    public void Holds_matches_string_wildcards_case_sensitively(string op, string requestValue, bool holds)
    {
        var condition = Condition(op, "ram:ServiceName", "*.kms.aliyuncs.com", "ec?.aliyuncs.com");

        Assert.Equal(holds, condition.Holds(Context("ram:ServiceName", requestValue)));
    }

    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("true", "True", true)]
    [InlineData("true", "false", false)]
    [InlineData("false", "false", true)]
    [InlineData("false", "true", false)]
    public void Holds_compares_booleans(string policyValue, string requestValue, bool holds)
    {
        var condition = Condition("Bool", "acs:SecureTransport", policyValue);

        Assert.Equal(holds, condition.Holds(Context("acs:SecureTransport", requestValue)));
    }

    [Theory]
    [InlineData("DateLessThan", "2026-06-30T23:59:59Z", true)]
    [InlineData("DateLessThan", "2026-07-01T00:00:00Z", false)]
    [InlineData("DateLessThanEquals", "2026-07-01T00:00:00Z", true)]
    [InlineData("DateLessThanEquals", "2026-07-01T00:00:01Z", false)]
    [InlineData("DateGreaterThan", "2026-07-01T00:00:01Z", true)]
    [InlineData("DateGreaterThan", "2026-07-01T00:00:00Z", false)]
    [InlineData("DateGreaterThanEquals", "2026-07-01T00:00:00Z", true)]
    [InlineData("DateGreaterThanEquals", "2026-06-30T23:59:59Z", false)]
    [InlineData("DateLessThan", "2026-07-01T07:59:59+08:00", true)]
    [InlineData("DateLessThan", "2026-07-01T08:00:00+08:00", false)]
    [InlineData("DateLessThan", "not a date", false)]
    public void Holds_compares_dates(string op, string requestTime, bool holds)
    {
        var condition = Condition(op, "acs:CurrentTime", "2026-07-01T00:00:00Z");

        Assert.Equal(holds, condition.Holds(Context("acs:CurrentTime", requestTime)));
    }

    [Fact]
    public void Holds_combines_date_values_with_or()
    {
        var condition = Condition("DateLessThan", "acs:CurrentTime", "2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z");

        Assert.True(condition.Holds(Context("acs:CurrentTime", "2026-01-01T00:00:00Z")));
        Assert.False(condition.Holds(Context("acs:CurrentTime", "2031-01-01T00:00:00Z")));
    }

    [Theory]
    [InlineData("IpAddress", "192.168.3.4", true)]
    [InlineData("IpAddress", "172.16.215.218", true)]
    [InlineData("IpAddress", "172.16.215.219", false)]
    [InlineData("IpAddress", "10.0.0.1", false)]
    [InlineData("IpAddress", "::ffff:192.168.0.1", true)]
    [InlineData("IpAddress", "2001:db8::1", true)]
    [InlineData("IpAddress", "2001:db9::1", false)]
    [InlineData("IpAddress", "not an ip", false)]
    [InlineData("NotIpAddress", "10.0.0.1", true)]
    [InlineData("NotIpAddress", "192.168.255.255", false)]
    [InlineData("NotIpAddress", "2001:db8:0:ffff::1", false)]
    [InlineData("NotIpAddress", "not an ip", false)]
    public void Holds_checks_ipv4_and_ipv6_ranges(string op, string sourceIp, bool holds)
    {
        var condition = Condition(op, "acs:SourceIp", "192.168.0.0/16", "172.16.215.218", "2001:db8::/32");

        Assert.Equal(holds, condition.Holds(Context("acs:SourceIp", sourceIp)));
    }

    [Theory]
    [InlineData("10.1.2.3/8", "10.200.0.1", true)]
    [InlineData("10.1.2.3/8", "11.0.0.1", false)]
    [InlineData("10.0.0.0/12", "10.15.255.255", true)]
    [InlineData("10.0.0.0/12", "10.16.0.0", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    public void Holds_ignores_host_bits_in_cidr(string range, string sourceIp, bool holds)
    {
        var condition = Condition("IpAddress", "acs:SourceIp", range);

        Assert.Equal(holds, condition.Holds(Context("acs:SourceIp", sourceIp)));
    }

    [Theory]
    [InlineData("StringEquals")]
    [InlineData("StringNotEquals")]
    [InlineData("StringNotLike")]
    public void Holds_is_false_when_key_is_absent(string op)
    {
        var condition = Condition(op, "ram:ServiceName", "ecs.aliyuncs.com");

        Assert.False(condition.Holds(new Dictionary<string, string>()));
    }

    [Fact]
    public void Holds_negated_ip_without_key_is_false()
    {
        var condition = Condition("NotIpAddress", "acs:SourceIp", "10.0.0.0/8");

        Assert.False(condition.Holds(new Dictionary<string, string>()));
    }

    [Fact]
    public void Holds_finds_context_key_ignoring_case()
    {
        var condition = Condition("Bool", "acs:MFAPresent", "true");

        Assert.True(condition.Holds(Context("acs:mfapresent", "true")));
    }

    [Fact]
    public void Statement_requires_every_key_and_operator()
    {
        var policy = PolicyEvaluatorTests.Parse("""
            {"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:CreateDisk","Resource":"*","Condition":{
              "Bool":{"acs:SecureTransport":"true","ecs:IsDiskEncrypted":"true"},
              "IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}
            """);
        var statement = policy.Statements[0];
        var context = new Dictionary<string, string>
        {
            ["acs:SecureTransport"] = "true",
            ["ecs:IsDiskEncrypted"] = "true",
            ["acs:SourceIp"] = "10.1.1.1",
        };

        Assert.Equal(3, statement.Conditions.Count);
        Assert.True(statement.ConditionsHold(context));
        Assert.False(statement.ConditionsHold(new Dictionary<string, string>(context) { ["ecs:IsDiskEncrypted"] = "false" }));
        Assert.False(statement.ConditionsHold(new Dictionary<string, string>(context) { ["acs:SourceIp"] = "192.168.1.1" }));
        Assert.False(statement.ConditionsHold(new Dictionary<string, string>(context) { ["acs:SecureTransport"] = "false" }));
    }

    private static PolicyCondition Condition(string op, string key, params string[] values)
    {
        var list = string.Join(",", values.Select(value => $"\"{value}\""));
        var condition = $$$"""{"{{{op}}}":{"{{{key}}}":[{{{list}}}]}}""";
        var json = $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{{condition}}}]}""";
        return Assert.Single(PolicyEvaluatorTests.Parse(json).Statements[0].Conditions);
    }

    private static Dictionary<string, string> Context(string key, string value) => new() { [key] = value };
}
