using System.Globalization;
using System.Security.Cryptography;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Benchmarks;

/// <summary>Builds ECS requests signed with ACS3-HMAC-SHA256, as the current SDKs send them: parameters in the query, action in headers.</summary>
internal sealed class RequestSigner(Uri baseAddress, string accessKeyId, string secret)
{
    private static readonly string s_emptyBodyHash = Acs3Signature.HashHex([]);

    public HttpRequestMessage Build(string action, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(pair => $"{PercentEncoding.Rfc3986(pair.Key)}={PercentEncoding.Rfc3986(pair.Value)}"));
        var headers = new Dictionary<string, string>
        {
            ["host"] = baseAddress.Authority,
            ["x-acs-action"] = action,
            ["x-acs-version"] = "2014-05-26",
            ["x-acs-date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["x-acs-signature-nonce"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["x-acs-content-sha256"] = s_emptyBodyHash,
        };
        var signedHeaders = headers.Keys.Order(StringComparer.Ordinal).ToList();
        var signed = new SignedRequest("POST", "/", new RequestParameters([.. parameters], []), headers, []);
        var signature = Acs3Signature.Sign(secret, Acs3Signature.StringToSign(Acs3Signature.CanonicalRequest(signed, signedHeaders, s_emptyBodyHash)));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/?" + query));
        foreach (var (name, value) in headers.Where(header => header.Key != "host"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization",
            $"ACS3-HMAC-SHA256 Credential={accessKeyId},SignedHeaders={string.Join(';', signedHeaders)},Signature={signature}");
        return request;
    }
}
