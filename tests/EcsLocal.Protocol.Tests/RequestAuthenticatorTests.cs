using System.Text;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Signatures;
using Microsoft.Extensions.Time.Testing;

namespace EcsLocal.Protocol.Tests;

public class RequestAuthenticatorTests
{
    private readonly InMemoryAccessKeys _keys = new();
    private readonly FakeTimeProvider _time = new(SignatureVectors.CapturedAt);

    private RequestAuthenticator CreateAuthenticator() => new(_keys, new InMemoryNonces(), _time);

    [Theory]
    [MemberData(nameof(SignatureVectors.Supported), MemberType = typeof(SignatureVectors))]
    public async Task Captured_sdk_request_is_accepted(CapturedRequest captured)
    {
        var result = await CreateAuthenticator().AuthenticateAsync(captured.ToSignedRequest(), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(InMemoryAccessKeys.AccountId, result.Value.AccountId);
        Assert.Equal("testid", result.Value.AccessKeyId);
    }

    [Theory]
    [MemberData(nameof(SignatureVectors.Supported), MemberType = typeof(SignatureVectors))]
    public async Task Captured_request_with_wrong_secret_is_rejected(CapturedRequest captured)
    {
        _keys.Keys["testid"] = new("testid", InMemoryAccessKeys.AccountId, "testsecret2", true);

        var result = await CreateAuthenticator().AuthenticateAsync(captured.ToSignedRequest(), CancellationToken.None);

        Assert.Equal("SignatureDoesNotMatch", result.Error?.Code);
        Assert.Equal(400, result.Error?.HttpStatus);
    }

    [Theory]
    [MemberData(nameof(SignatureVectors.Supported), MemberType = typeof(SignatureVectors))]
    public async Task Captured_request_with_tampered_parameter_is_rejected(CapturedRequest captured)
    {
        var signed = captured.ToSignedRequest();
        var query = signed.Parameters.Query.ToList();
        var form = signed.Parameters.Form.ToList();
        var target = form.FindIndex(pair => pair.Key is not ("Signature" or "AccessKeyId"));
        if (target >= 0)
        {
            form[target] = new(form[target].Key, form[target].Value + "x");
        }
        else
        {
            query.Add(new("RegionId2", "cn-beijing"));
        }

        var tampered = signed with
        {
            Parameters = new RequestParameters(query, form),
            Body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(pair => $"{PercentEncoding.Rfc3986(pair.Key)}={PercentEncoding.Rfc3986(pair.Value)}"))),
        };

        var result = await CreateAuthenticator().AuthenticateAsync(tampered, CancellationToken.None);

        Assert.Equal("SignatureDoesNotMatch", result.Error?.Code);
    }

    [Fact]
    public async Task Replayed_nonce_is_rejected()
    {
        var captured = SignatureVectors.Load("ecs.json")[0];
        var authenticator = CreateAuthenticator();

        var first = await authenticator.AuthenticateAsync(captured.ToSignedRequest(), CancellationToken.None);
        var second = await authenticator.AuthenticateAsync(captured.ToSignedRequest(), CancellationToken.None);

        Assert.True(first.IsSuccess);
        Assert.Equal("SignatureNonceUsed", second.Error?.Code);
        Assert.Equal(400, second.Error?.HttpStatus);
    }

    [Theory]
    [InlineData(-16 * 60, "InvalidTimeStamp.Expired")]
    [InlineData(16 * 60, "InvalidTimeStamp.Expired")]
    [InlineData(14 * 60, null)]
    [InlineData(-14 * 60, null)]
    public async Task Timestamp_outside_15_minutes_is_rejected(int offsetSeconds, string? expectedCode)
    {
        var time = new FakeTimeProvider(SignatureVectors.CapturedAt.AddSeconds(offsetSeconds));

        foreach (var captured in SignatureVectors.Load("ecs.json").Take(8))
        {
            var result = await new RequestAuthenticator(_keys, new InMemoryNonces(), time).AuthenticateAsync(captured.ToSignedRequest(), CancellationToken.None);

            Assert.Equal(expectedCode, result.Error?.Code);
        }
    }

    [Fact]
    public async Task Unknown_access_key_is_not_found()
    {
        _keys.Keys.Clear();

        var result = await CreateAuthenticator().AuthenticateAsync(SignatureVectors.Load("ecs.json")[0].ToSignedRequest(), CancellationToken.None);

        Assert.Equal("InvalidAccessKeyId.NotFound", result.Error?.Code);
        Assert.Equal(404, result.Error?.HttpStatus);
    }

    [Fact]
    public async Task Inactive_access_key_is_rejected()
    {
        _keys.Keys["testid"] = _keys.Keys["testid"] with { IsActive = false };

        var result = await CreateAuthenticator().AuthenticateAsync(SignatureVectors.Load("popcore.json")[0].ToSignedRequest(), CancellationToken.None);

        Assert.Equal("InvalidAccessKeyId.Inactive", result.Error?.Code);
        Assert.Equal(400, result.Error?.HttpStatus);
    }

    [Fact]
    public async Task Acs4_signature_is_rejected_with_clear_message()
    {
        var captured = SignatureVectors.Load("acs4.json")[0];

        var result = await CreateAuthenticator().AuthenticateAsync(captured.ToSignedRequest(), CancellationToken.None);

        Assert.Equal("IncompleteSignature", result.Error?.Code);
        Assert.Contains("ACS4-HMAC-SHA256 is not supported", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_request_is_incomplete()
    {
        var request = new SignedRequest("GET", "/", new RequestParameters([new("Action", "DescribeRegions")], []),
            new Dictionary<string, string>(), []);

        var result = await CreateAuthenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.Equal("IncompleteSignature", result.Error?.Code);
    }

    [Theory]
    [InlineData("x-acs-signature-nonce")]
    [InlineData("x-acs-content-sha256")]
    public async Task Acs3_without_required_header_is_incomplete(string header)
    {
        var signed = SignatureVectors.Load("ecs.json")[0].ToSignedRequest();
        var headers = new Dictionary<string, string>(signed.Headers);
        headers.Remove(header);

        var result = await CreateAuthenticator().AuthenticateAsync(signed with { Headers = headers }, CancellationToken.None);

        Assert.Equal("IncompleteSignature", result.Error?.Code);
    }

    [Fact]
    public async Task Acs3_with_changed_body_fails_content_hash()
    {
        var signed = SignatureVectors.Load("kms.json").First(request => request.IsForm).ToSignedRequest();

        var result = await CreateAuthenticator().AuthenticateAsync(signed with { Body = Encoding.UTF8.GetBytes("Recipient=other") }, CancellationToken.None);

        Assert.Equal("SignatureDoesNotMatch", result.Error?.Code);
    }

    [Fact]
    public async Task Signature_in_upper_case_hex_is_rejected()
    {
        var signed = SignatureVectors.Load("ecs.json")[0].ToSignedRequest();
        var headers = new Dictionary<string, string>(signed.Headers);
        var authorization = headers["authorization"];
        var signatureStart = authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length;
        headers["authorization"] = authorization[..signatureStart] + authorization[signatureStart..].ToUpperInvariant();

        var result = await CreateAuthenticator().AuthenticateAsync(signed with { Headers = headers }, CancellationToken.None);

        Assert.Equal("SignatureDoesNotMatch", result.Error?.Code);
    }

    [Fact]
    public async Task HmacSha1_with_malformed_timestamp_is_rejected()
    {
        var signed = SignatureVectors.Load("popcore.json")[0].ToSignedRequest();
        var query = signed.Parameters.Query.Select(pair => pair.Key == "Timestamp" ? new KeyValuePair<string, string>("Timestamp", "04/12/2026") : pair).ToList();

        var result = await CreateAuthenticator().AuthenticateAsync(signed with { Parameters = new RequestParameters(query, []) }, CancellationToken.None);

        Assert.Equal("InvalidTimeStamp.Format", result.Error?.Code);
    }

    [Fact]
    public void Worked_example_string_to_sign_matches()
    {
        var captured = SignatureVectors.Load("ecs.json").Single(request => request.Scenario == "ecs-v2 (signatureAlgorithm=v2): DescribeDiskEncryptionByDefaultStatus");

        var stringToSign = HmacSha1Signature.StringToSign(captured.ToSignedRequest());

        Assert.StartsWith("POST&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDiskEncryptionByDefaultStatus%26Format%3Djson%26RegionId%3Dcn-hangzhou", stringToSign, StringComparison.Ordinal);
        Assert.Equal("qM9B7nwNhFjXtcD2iKFpCLaIV90=", HmacSha1Signature.Sign("testsecret", stringToSign));
    }
}
