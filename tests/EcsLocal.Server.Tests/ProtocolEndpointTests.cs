using System.Net;
using System.Text;
using EcsLocal.Protocol.Tests;
using EcsLocal.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcsLocal.Server.Tests;

public sealed class ProtocolEndpointTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(SignatureStyle.Acs3)]
    [InlineData(SignatureStyle.HmacSha1Get)]
    [InlineData(SignatureStyle.HmacSha1PostForm)]
    public async Task Each_signature_style_reaches_the_action(SignatureStyle style)
    {
        var response = await _server.Client().SendAsync("2014-05-26", "DescribeDiskEncryptionByDefaultStatus", style, [("RegionId", "cn-hangzhou")]);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.Body.GetProperty("Encrypted").GetBoolean());
        Assert.Matches("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", response.String("RequestId"));
        Assert.False(response.Body.TryGetProperty("Code", out _));
        Assert.Equal("application/json; charset=utf-8", response.Raw.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Kms_request_ids_are_lower_case()
    {
        var response = await _server.Client().KmsAsync("DescribeAccountKmsStatus");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", response.String("RequestId"));
        Assert.Equal("NotEnabled", response.String("AccountStatus"));
    }

    [Fact]
    public async Task Unknown_action_is_not_found()
    {
        var response = await _server.Client().EcsAsync("DescribeUnicorns", ("RegionId", "cn-hangzhou"));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("InvalidAction.NotFound", response.Code);
        Assert.Equal("Specified api is not found, please check your url and method.", response.String("Message"));
        Assert.Equal("ecs.aliyuncs.com", response.String("HostId"));
        Assert.StartsWith("https://api.aliyun.com/troubleshoot?q=InvalidAction.NotFound", response.String("Recommend"), StringComparison.Ordinal);
        Assert.Matches("^[0-9A-F-]{36}$", response.String("RequestId"));
    }

    [Fact]
    public async Task Unknown_version_is_invalid()
    {
        var response = await _server.Client().SendAsync("2099-01-01", "DescribeRegions", SignatureStyle.HmacSha1Get, []);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidVersion", response.Code);
    }

    [Fact]
    public async Task Missing_action_is_missing_parameter()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, "/?Version=2014-05-26"));

        var response = await SignedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("MissingParameter", response.Code);
    }

    [Fact]
    public async Task Put_is_an_unsupported_method()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_server.BaseAddress, "/?Action=DescribeRegions&Version=2014-05-26"));

        var response = await SignedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("UnsupportedHTTPMethod", response.Code);
    }

    [Fact]
    public async Task Wrong_secret_does_not_match()
    {
        var response = await _server.Client(secret: "not-the-secret").EcsAsync("DescribeRegions");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("SignatureDoesNotMatch", response.Code);
        Assert.StartsWith("Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n",
            response.String("Message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_access_key_is_not_found()
    {
        var response = await _server.Client("LTAInobody").SendAsync("2014-05-26", "DescribeRegions", SignatureStyle.HmacSha1PostForm, []);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("InvalidAccessKeyId.NotFound", response.Code);
    }

    [Fact]
    public async Task Reused_nonce_is_rejected()
    {
        var client = _server.Client();

        var first = await client.SendAsync("2014-05-26", "DescribeRegions", SignatureStyle.Acs3, [], nonce: "nonce-1");
        var second = await client.SendAsync("2014-05-26", "DescribeRegions", SignatureStyle.HmacSha1Get, [], nonce: "nonce-1");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("SignatureNonceUsed", second.Code);
    }

    [Fact]
    public async Task Plus_in_form_body_is_a_space()
    {
        var client = _server.Client();
        await client.KmsAsync("OpenKmsService");
        using var request = client.Build("2016-01-20", "CreateKey", SignatureStyle.HmacSha1PostForm, [("Description", "two words")]);
        var body = await request.Content!.ReadAsStringAsync();
        request.Content = new StringContent(body.Replace("two%20words", "two+words", StringComparison.Ordinal), Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await SignedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("two words", response.Body.GetProperty("KeyMetadata").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task Chunked_form_body_is_read()
    {
        var client = _server.Client();
        await client.KmsAsync("OpenKmsService");
        using var request = client.Build("2016-01-20", "CreateKey", SignatureStyle.HmacSha1PostForm, [("Description", "chunked")]);
        var bytes = await request.Content!.ReadAsByteArrayAsync();
        request.Content = new StreamContent(new NonSeekableStream(bytes));
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = true;

        var response = await SignedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("chunked", response.Body.GetProperty("KeyMetadata").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task Body_over_limit_is_rejected_with_413()
    {
        var client = _server.Client();
        using var request = client.Build("2016-01-20", "CreateKey", SignatureStyle.HmacSha1PostForm, [("Description", new string('x', 70 * 1024))]);

        var response = await SignedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("RequestEntityTooLarge", response.Code);
    }

    [Fact]
    public async Task Gzip_is_used_only_when_asked()
    {
        using var plain = _server.Client().Build("2014-05-26", "DescribeRegions", SignatureStyle.Acs3, []);
        using var gzip = _server.Client().Build("2014-05-26", "DescribeRegions", SignatureStyle.Acs3, []);
        gzip.Headers.AcceptEncoding.ParseAdd("gzip");
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });

        using var plainResponse = await http.SendAsync(plain);
        using var gzipResponse = await http.SendAsync(gzip);

        Assert.Empty(plainResponse.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzipResponse.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Too_many_parameters_are_rejected()
    {
        var parameters = Enumerable.Range(1, 1100).Select(i => ($"Tag.{i}.Key", "k")).ToArray();

        var response = await _server.Client().SendAsync("2014-05-26", "DescribeRegions", SignatureStyle.HmacSha1PostForm, parameters);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidParameter", response.Code);
        Assert.Equal("The request carries more than 1024 parameters.", response.String("Message"));
    }

    [Fact]
    public async Task Log_lines_carry_no_secret_or_signature()
    {
        var client = _server.Client();
        using var request = client.Build("2014-05-26", "DescribeRegions", SignatureStyle.HmacSha1Get, []);
        var signature = Uri.UnescapeDataString(request.RequestUri!.Query.Split("Signature=")[1]);
        await SignedClient.SendAsync(request);
        await _server.Client(secret: "wrong-secret").EcsAsync("DescribeRegions");

        var lines = _server.Log.Lines.ToArray();

        Assert.Contains(lines, line => line.Contains("DescribeRegions by account 1500000000000001 (RAM user -) returned 200", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(TestServer.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("wrong-secret", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(signature, StringComparison.Ordinal));
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>Replays the captured SDK requests against a server whose clock is set to the capture time.</summary>
public sealed class CapturedRequestReplayTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new FakeTimeProvider(SignatureVectors.CapturedAt));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> KnownActionScenarios => new()
    {
        "ecs-v3: DescribeDiskEncryptionByDefaultStatus",
        "ecs-v2 (signatureAlgorithm=v2): DescribeDiskEncryptionByDefaultStatus",
        "ecs-v3-sts: DescribeDiskEncryptionByDefaultStatus",
        "ecs-v2-sts: DescribeDiskEncryptionByDefaultStatus",
        "pop-core: GET DescribeDiskEncryptionByDefaultStatus",
    };

    [Theory]
    [MemberData(nameof(KnownActionScenarios))]
    public async Task Captured_request_is_answered(string scenario)
    {
        var captured = SignatureVectors.Load("ecs.json", "popcore.json").Single(request => request.Scenario == scenario);
        using var request = new HttpRequestMessage(new HttpMethod(captured.Method), new Uri(_server.BaseAddress, captured.Url));
        foreach (var (name, value) in captured.Headers.Where(header => header.Key is not ("content-length" or "connection" or "transfer-encoding")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await SignedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.Body.GetProperty("Encrypted").GetBoolean());
    }

    [Fact]
    public async Task Captured_default_key_change_gets_service_error()
    {
        var captured = SignatureVectors.Load("ecs.json").Single(request => request.Scenario == "ecs-v3: ModifyDiskDefaultKMSKeyId (404 error)");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseAddress, captured.Url));
        foreach (var (name, value) in captured.Headers.Where(header => header.Key is not ("content-length" or "connection")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await SignedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidParameter.KmsNotEnabled", response.Code);
    }
}
