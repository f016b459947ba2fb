using EcsLocal.Domain.Access;

namespace EcsLocal.Domain.Tests.Access;

public class PolicyDocumentTests
{
    [Fact]
    public void Parse_reads_statements_and_elements()
    {
        var document = PolicyDocument.Parse("""
            {
              "Version": "1",
              "Statement": [
                { "Sid": "read", "Effect": "Allow", "Action": "ecs:Describe*", "Resource": "*" },
                {
                  "Effect": "Deny",
                  "Action": ["ecs:DeleteDisk", "ecs:ResetDisk"],
                  "Resource": ["acs:ecs:cn-hangzhou:123:disk/d-1", "acs:ecs:cn-hangzhou:123:disk/d-2"],
                  "Condition": { "Bool": { "acs:MFAPresent": "false" } }
                },
                { "Effect": "Allow", "NotAction": "ram:*", "Resource": "*" }
              ]
            }
            """);

        Assert.True(document.IsSuccess);
        var statements = document.Value.Statements;
        Assert.Equal(3, statements.Count);
        Assert.Equal(PolicyEffect.Allow, statements[0].Effect);
        Assert.Equal(["ecs:Describe*"], statements[0].Actions);
        Assert.Equal(["*"], statements[0].Resources);
        Assert.Empty(statements[0].Conditions);
        Assert.Equal(PolicyEffect.Deny, statements[1].Effect);
        Assert.Equal(["ecs:DeleteDisk", "ecs:ResetDisk"], statements[1].Actions);
        Assert.Equal(["acs:ecs:cn-hangzhou:123:disk/d-1", "acs:ecs:cn-hangzhou:123:disk/d-2"], statements[1].Resources);
        var condition = Assert.Single(statements[1].Conditions);
        Assert.Equal("Bool", condition.Operator);
        Assert.Equal("acs:MFAPresent", condition.Key);
        Assert.Equal(["false"], condition.Values);
        Assert.False(statements[1].IsNotAction);
        Assert.True(statements[2].IsNotAction);
        Assert.Equal(["ram:*"], statements[2].Actions);
    }

    [Fact]
    public void Parse_stores_documented_condition_key_spelling()
    {
        var document = PolicyDocument.Parse(Policy("""{ "IpAddress": { "ACS:SOURCEIP": "10.0.0.0/8" } }"""));

        var condition = Assert.Single(document.Value.Statements[0].Conditions);
        Assert.Equal("acs:SourceIp", condition.Key);
        Assert.Equal(["10.0.0.0/8"], condition.Values);
    }

    [Fact]
    public void Parse_accepts_json_booleans_for_bool()
    {
        var document = PolicyDocument.Parse(Policy("""{ "Bool": { "acs:SecureTransport": true } }"""));

        Assert.Equal(["true"], Assert.Single(document.Value.Statements[0].Conditions).Values);
    }

    [Fact]
    public void Parse_accepts_document_of_max_length()
    {
        var json = Pad(PolicyDocument.MaxLength);

        Assert.True(PolicyDocument.Parse(json).IsSuccess);
    }

    [Fact]
    public void Parse_rejects_document_over_max_length()
    {
        var result = PolicyDocument.Parse(Pad(PolicyDocument.MaxLength + 1));

        Assert.Equal(400, result.Error!.HttpStatus);
        Assert.Equal("InvalidParameter.PolicyDocument.Length", result.Error.Code);
        Assert.Equal("The maximum length of the policy document is exceeded. It must not exceed 6144 characters.", result.Error.Message);
    }

    [Theory]
    [InlineData("", "The document is not valid JSON (line 1, position 1).")]
    [InlineData("{\"Version\": \"1\",", "The document is not valid JSON (line 1, position 16).")]
    [InlineData("[]", "The document must be a JSON object with Version and Statement.")]
    [InlineData("""{"Version":"1","Statement":[],"Id":"x"}""", "The element \"Id\" is not valid at the top level. Use only Version and Statement.")]
    [InlineData("""{"Statement":[]}""", "Version is missing. Set it to \"1\".")]
    [InlineData("""{"Version":"2012-10-17","Statement":[]}""", "Version \"2012-10-17\" is not valid. The only valid value is \"1\".")]
    [InlineData("""{"Version":1,"Statement":[]}""", "Version 1 is not valid. The only valid value is \"1\".")]
    [InlineData("""{"Version":"1"}""", "Statement is missing.")]
    [InlineData("""{"Version":"1","Statement":[]}""", "Statement must be a list of one or more statements.")]
    [InlineData("""{"Version":"1","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", "Statement must be a list of one or more statements.")]
    [InlineData("""{"Version":"1","Statement":["x"]}""", "Statement 1: a statement must be a JSON object.")]
    public void Parse_rejects_malformed_document_structure(string json, string detail)
    {
        AssertMalformed(PolicyDocument.Parse(json), detail);
    }

    [Theory]
    [InlineData("""{"Action":"*","Resource":"*"}""", "Statement 1: Effect is missing. Use Allow or Deny.")]
    [InlineData("""{"Effect":"allow","Action":"*","Resource":"*"}""", "Statement 1: Effect \"allow\" is not valid. Use Allow or Deny.")]
    [InlineData("""{"Effect":true,"Action":"*","Resource":"*"}""", "Statement 1: Effect true is not valid. Use Allow or Deny.")]
    [InlineData("""{"Effect":"Allow","Resource":"*"}""", "Statement 1: Action is missing.")]
    [InlineData("""{"Effect":"Allow","Action":"*","NotAction":"ram:*","Resource":"*"}""", "Statement 1: use either Action or NotAction, not both.")]
    [InlineData("""{"Effect":"Allow","Action":[],"Resource":"*"}""", "Statement 1: Action must be a string or a list of one or more strings.")]
    [InlineData("""{"Effect":"Allow","Action":["ecs:*", 3],"Resource":"*"}""", "Statement 1: Action must be a string or a list of one or more strings.")]
    [InlineData("""{"Effect":"Allow","Action":"","Resource":"*"}""", "Statement 1: Action must not be empty.")]
    [InlineData("""{"Effect":"Allow","Action":"DescribeDisks","Resource":"*"}""", "Statement 1: the action \"DescribeDisks\" is not valid. Use * or <ram-code>:<action-name>, such as ecs:DescribeDisks.")]
    [InlineData("""{"Effect":"Allow","Action":"ecs:","Resource":"*"}""", "Statement 1: the action \"ecs:\" is not valid. Use * or <ram-code>:<action-name>, such as ecs:DescribeDisks.")]
    [InlineData("""{"Effect":"Allow","NotAction":"a:b:c","Resource":"*"}""", "Statement 1: the action \"a:b:c\" is not valid. Use * or <ram-code>:<action-name>, such as ecs:DescribeDisks.")]
    [InlineData("""{"Effect":"Allow","Action":"*"}""", "Statement 1: Resource is missing.")]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::bucket"}""", "Statement 1: the resource \"arn:aws:s3:::bucket\" is not valid. Use * or an ARN acs:<service>:<region>:<account>:<relative-id>.")]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"acs:ecs:*:*"}""", "Statement 1: the resource \"acs:ecs:*:*\" is not valid. Use * or an ARN acs:<service>:<region>:<account>:<relative-id>.")]
    [InlineData("""{"Effect":"Allow","Action":"*","NotResource":"*"}""", "Statement 1: NotResource is not supported by EcsLocal. List the resources in Resource.")]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*","Principal":{"RAM":"*"}}""", "Statement 1: Principal is not allowed in a RAM policy. It belongs in resource-based and trust policies.")]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*","effect":"Allow"}""", "Statement 1: the element \"effect\" is not valid. Use Effect, Action or NotAction, Resource and Condition.")]
    public void Parse_rejects_malformed_statement(string statement, string detail)
    {
        AssertMalformed(PolicyDocument.Parse($$"""{"Version":"1","Statement":[{{statement}}]}"""), detail);
    }

    [Fact]
    public void Parse_names_the_failing_statement_number()
    {
        var json = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Maybe","Action":"*","Resource":"*"}]}""";

        AssertMalformed(PolicyDocument.Parse(json), "Statement 2: Effect \"Maybe\" is not valid. Use Allow or Deny.");
    }

    [Theory]
    [InlineData("\"x\"", "Statement 1: Condition must be a JSON object of operators.")]
    [InlineData("""{ "StringEquals": "x" }""", "Statement 1: the value of StringEquals must be a JSON object of condition keys.")]
    [InlineData("""{ "StringEquals": { "ram:ServiceName": [] } }""", "Statement 1: the value of ram:ServiceName must be a string or a list of one or more strings.")]
    [InlineData("""{ "DateLessThan": { "acs:SourceIp": "2026-01-01T00:00:00Z" } }""", "Statement 1: the condition key acs:SourceIp cannot be used with DateLessThan.")]
    [InlineData("""{ "IpAddress": { "acs:CurrentTime": "10.0.0.0/8" } }""", "Statement 1: the condition key acs:CurrentTime cannot be used with IpAddress.")]
    [InlineData("""{ "Bool": { "acs:SourceIp": "true" } }""", "Statement 1: the condition key acs:SourceIp cannot be used with Bool.")]
    [InlineData("""{ "DateGreaterThan": { "acs:CurrentTime": "yesterday" } }""", "Statement 1: \"yesterday\" is not a valid ISO 8601 date and time for acs:CurrentTime, such as 2026-01-01T00:00:00Z.")]
    [InlineData("""{ "IpAddress": { "acs:SourceIp": "10.0.0.300" } }""", "Statement 1: \"10.0.0.300\" is not a valid IP address or CIDR block for acs:SourceIp.")]
    [InlineData("""{ "NotIpAddress": { "acs:SourceIp": "10.0.0.0/33" } }""", "Statement 1: \"10.0.0.0/33\" is not a valid IP address or CIDR block for acs:SourceIp.")]
    [InlineData("""{ "Bool": { "acs:SecureTransport": "yes" } }""", "Statement 1: Bool takes one value for acs:SecureTransport, \"true\" or \"false\".")]
    [InlineData("""{ "Bool": { "acs:SecureTransport": ["true", "false"] } }""", "Statement 1: Bool takes one value for acs:SecureTransport, \"true\" or \"false\".")]
    public void Parse_rejects_malformed_condition(string condition, string detail)
    {
        AssertMalformed(PolicyDocument.Parse(Policy(condition)), detail);
    }

    [Theory]
    [InlineData("NumericEquals")]
    [InlineData("Null")]
    [InlineData("StringEqualsIfExists")]
    [InlineData("ForAnyValue:StringEquals")]
    [InlineData("stringequals")]
    public void Parse_rejects_unsupported_condition_operator(string name)
    {
        var result = PolicyDocument.Parse(Policy($$"""{ "{{name}}": { "acs:SourceIp": "10.0.0.1" } }"""));

        AssertMalformed(result,
            $"Statement 1: the condition operator \"{name}\" is not supported by EcsLocal. Use one of StringEquals, StringNotEquals, " +
            "StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike, Bool, DateLessThan, DateLessThanEquals, " +
            "DateGreaterThan, DateGreaterThanEquals, IpAddress, NotIpAddress.");
    }

    [Theory]
    [InlineData("acs:UserAgent")]
    [InlineData("acs:ResourceTag/team")]
    [InlineData("ecs:InstanceType")]
    [InlineData("SourceIp")]
    public void Parse_rejects_unsupported_condition_key(string key)
    {
        var result = PolicyDocument.Parse(Policy($$"""{ "StringEquals": { "{{key}}": "x" } }"""));

        AssertMalformed(result,
            $"Statement 1: the condition key \"{key}\" is not supported by EcsLocal. Use one of acs:CurrentTime, acs:SourceIp, " +
            "acs:SecureTransport, acs:MFAPresent, ecs:IsDiskEncrypted, ecs:IsDiskByokEncrypted, ram:ServiceName.");
    }

    private static string Policy(string condition) =>
        $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:CreateDisk","Resource":"*","Condition":{{condition}}}]}""";

    // A valid document padded with spaces to exactly `length` characters.
    private static string Pad(int length)
    {
        const string Document = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        return Document + new string(' ', length - Document.Length);
    }

    private static void AssertMalformed(Result<PolicyDocument> result, string detail)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(400, result.Error.HttpStatus);
        Assert.Equal("MalformedPolicyDocument", result.Error.Code);
        Assert.Equal($"The policy document is invalid. {detail}", result.Error.Message);
    }
}
