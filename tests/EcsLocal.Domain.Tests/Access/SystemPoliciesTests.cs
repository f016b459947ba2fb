using EcsLocal.Domain.Access;

namespace EcsLocal.Domain.Tests.Access;

public class SystemPoliciesTests
{
    [Fact]
    public void All_lists_the_seven_policies_in_name_order()
    {
        Assert.Equal(
            ["AdministratorAccess", "AliyunECSFullAccess", "AliyunECSReadOnlyAccess", "AliyunKMSFullAccess",
             "AliyunKMSReadOnlyAccess", "AliyunRAMFullAccess", "AliyunRAMReadOnlyAccess"],
            SystemPolicies.All.Select(policy => policy.Name));
    }

    [Fact]
    public void All_documents_parse_with_version_v1()
    {
        foreach (var policy in SystemPolicies.All)
        {
            Assert.True(PolicyDocument.Parse(policy.Document).IsSuccess, policy.Name);
            Assert.NotEmpty(policy.ParsedDocument.Statements);
            Assert.Equal("v1", policy.DefaultVersion);
            Assert.NotEmpty(policy.Description);
        }
    }

    [Fact]
    public void Find_matches_exact_name_only()
    {
        Assert.Same(SystemPolicies.AliyunEcsReadOnlyAccess, SystemPolicies.Find("AliyunECSReadOnlyAccess"));
        Assert.Null(SystemPolicies.Find("aliyunecsreadonlyaccess"));
        Assert.Null(SystemPolicies.Find("AliyunOSSFullAccess"));
    }

    [Theory]
    [InlineData("AliyunECSReadOnlyAccess", "ecs:DescribeDisks", true)]
    [InlineData("AliyunECSReadOnlyAccess", "ecs:DescribeDiskEncryptionByDefaultStatus", true)]
    [InlineData("AliyunECSReadOnlyAccess", "ecs:ListTagResources", true)]
    [InlineData("AliyunECSReadOnlyAccess", "ecs:CreateDisk", false)]
    [InlineData("AliyunECSReadOnlyAccess", "ecs:EnableDiskEncryptionByDefault", false)]
    [InlineData("AliyunECSReadOnlyAccess", "kms:DescribeKey", false)]
    [InlineData("AliyunECSFullAccess", "ecs:CreateDisk", true)]
    [InlineData("AliyunECSFullAccess", "ecs:EnableDiskEncryptionByDefault", true)]
    [InlineData("AliyunECSFullAccess", "vpc:DescribeVpcs", true)]
    [InlineData("AliyunECSFullAccess", "vpc:CreateVpc", false)]
    [InlineData("AliyunECSFullAccess", "kms:CreateKey", false)]
    [InlineData("AliyunKMSFullAccess", "kms:ScheduleKeyDeletion", true)]
    [InlineData("AliyunKMSFullAccess", "ecs:DescribeDisks", false)]
    [InlineData("AliyunKMSReadOnlyAccess", "kms:ListKeys", true)]
    [InlineData("AliyunKMSReadOnlyAccess", "kms:DescribeKey", true)]
    [InlineData("AliyunKMSReadOnlyAccess", "kms:GetPublicKey", true)]
    [InlineData("AliyunKMSReadOnlyAccess", "kms:GetSecretValue", false)]
    [InlineData("AliyunKMSReadOnlyAccess", "kms:Encrypt", false)]
    [InlineData("AliyunKMSReadOnlyAccess", "kms:CreateKey", false)]
    [InlineData("AliyunRAMFullAccess", "ram:CreatePolicy", true)]
    [InlineData("AliyunRAMFullAccess", "ecs:DescribeDisks", false)]
    [InlineData("AliyunRAMReadOnlyAccess", "ram:ListUsers", true)]
    [InlineData("AliyunRAMReadOnlyAccess", "ram:GetPolicy", true)]
    [InlineData("AliyunRAMReadOnlyAccess", "ram:GenerateCredentialReport", true)]
    [InlineData("AliyunRAMReadOnlyAccess", "ram:CreateUser", false)]
    [InlineData("AdministratorAccess", "ecs:CreateDisk", true)]
    [InlineData("AdministratorAccess", "kms:ScheduleKeyDeletion", true)]
    [InlineData("AdministratorAccess", "ram:AttachPolicyToUser", true)]
    public void Policy_grants_documented_actions(string name, string action, bool allowed)
    {
        var policy = SystemPolicies.Find(name)!;
        var request = new AccessRequest(action, ["acs:ecs:cn-hangzhou:1234567890123456:disk/d-1"], new Dictionary<string, string>());

        var decision = PolicyEvaluator.Evaluate([policy.ParsedDocument], request);

        Assert.Equal(allowed ? AccessDecision.Allow : AccessDecision.ImplicitDeny, decision);
    }

    [Fact]
    public void KmsFullAccess_limits_linked_role_services()
    {
        var policy = SystemPolicies.AliyunKmsFullAccess.ParsedDocument;

        Assert.Equal(AccessDecision.Allow, Decide(policy, "ram:CreateServiceLinkedRole", "keystore.kms.aliyuncs.com"));
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(policy, "ram:CreateServiceLinkedRole", "ecs.aliyuncs.com"));
        Assert.Equal(AccessDecision.ImplicitDeny, Decide(policy, "ram:DeleteServiceLinkedRole", "keystore.kms.aliyuncs.com"));
    }

    private static AccessDecision Decide(PolicyDocument policy, string action, string serviceName) =>
        PolicyEvaluator.Evaluate([policy], new AccessRequest(action, [], new Dictionary<string, string> { [ConditionKeys.RamServiceName] = serviceName }));
}
