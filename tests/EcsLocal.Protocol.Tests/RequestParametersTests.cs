using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Protocol.Tests;

public class RequestParametersTests
{
    [Fact]
    public void ParseUrlEncoded_decodes_plus_percent_and_utf8()
    {
        var pairs = RequestParameters.ParseUrlEncoded("?Description=space+%26%20symbols%3A%20~!*%27()&Tag.1.Value=%C2%B5-unicode&Empty=&Flag");

        Assert.Equal(new KeyValuePair<string, string>("Description", "space & symbols: ~!*'()"), pairs[0]);
        Assert.Equal("µ-unicode", pairs[1].Value);
        Assert.Equal(new KeyValuePair<string, string>("Empty", ""), pairs[2]);
        Assert.Equal(new KeyValuePair<string, string>("Flag", ""), pairs[3]);
    }

    [Fact]
    public void ParseUrlEncoded_keeps_brackets_and_bad_escapes()
    {
        var pairs = RequestParameters.ParseUrlEncoded("DiskIds=[\"d-1\",\"d-2\"]&Bad=%zz%4&Name=中");

        Assert.Equal("[\"d-1\",\"d-2\"]", pairs[0].Value);
        Assert.Equal("%zz%4", pairs[1].Value);
        Assert.Equal("中", pairs[2].Value);
    }

    [Fact]
    public void Indexer_returns_query_value_before_form_value()
    {
        var parameters = new RequestParameters([new("RegionId", "cn-hangzhou")], [new("RegionId", "cn-beijing"), new("KeyId", "k")]);

        Assert.Equal("cn-hangzhou", parameters["RegionId"]);
        Assert.Equal("k", parameters["KeyId"]);
        Assert.Null(parameters["regionid"]);
        Assert.Equal(3, parameters.Count);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("FALSE", false)]
    public void OptionalBoolean_ignores_letter_case(string value, bool expected)
    {
        var parameters = new RequestParameters([new("Encrypted", value)], []);

        Assert.Equal(expected, parameters.OptionalBoolean("Encrypted").Value);
    }

    [Fact]
    public void Typed_readers_return_service_errors()
    {
        var parameters = new RequestParameters([new("Encrypted", "yes"), new("PageSize", "101"), new("Filters", "[{"), new("Name", new string('a', 20))], []);

        Assert.Equal("The specified parameter \"Encrypted\" is not valid.", parameters.OptionalBoolean("Encrypted").Error!.Message);
        Assert.Equal("InvalidParameter", parameters.OptionalInt32("PageSize", 1, 100).Error!.Code);
        Assert.Equal("InvalidParameter", parameters.OptionalJson("Filters").Error!.Code);
        Assert.Equal("The input parameter \"RegionId\" that is mandatory for processing this request is not supplied.",
            parameters.Required("RegionId").Error!.Message);
        Assert.Equal("The specified parameter \"Name\" is longer than 10 characters.", parameters.Optional("Name", 10).Error!.Message);
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("~!*'()", "~%21%2A%27%28%29")]
    [InlineData("µ", "%C2%B5")]
    [InlineData("A-z_0.9", "A-z_0.9")]
    public void Rfc3986_encodes_as_the_sdks_do(string value, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Rfc3986(value));
    }

    [Theory]
    [InlineData("kms.cn-shanghai.aliyuncs.com", "cn-shanghai")]
    [InlineData("kms-vpc.ap-southeast-1.example.test:8191", "ap-southeast-1")]
    [InlineData("127.0.0.1:8191", "cn-hangzhou")]
    [InlineData("ecs.cn-beijing.aliyuncs.com", "cn-hangzhou")]
    [InlineData("kms.localhost", "cn-hangzhou")]
    [InlineData(null, "cn-hangzhou")]
    public void EndpointRegion_reads_kms_host(string? host, string expected)
    {
        Assert.Equal(expected, EndpointRegion.FromHost(host, "cn-hangzhou"));
    }
}
