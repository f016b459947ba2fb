using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Server.Tests.Support;

public enum SignatureStyle
{
    Acs3,
    HmacSha1Get,
    HmacSha1PostForm,
}

/// <summary>A response as the tests inspect it: status, JSON body and headers.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Raw)
{
    public string? Code => Body.TryGetProperty("Code", out var code) ? code.GetString() : null;

    public string String(string name) => Body.GetProperty(name).GetString()!;
}

/// <summary>
/// Signs requests the way the official SDKs do: ACS3-HMAC-SHA256 with parameters in the query and the action in
/// x-acs-* headers, or HMAC-SHA1 signature 1.0 with everything in the query (GET) or a form body (POST).
/// </summary>
public sealed class SignedClient(Uri baseAddress, string accessKeyId, string secret, TimeProvider time)
{
    private static readonly HttpClient s_http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });

    public string? HostHeader { get; set; }

    public Task<ApiResponse> EcsAsync(string action, params (string Name, string Value)[] parameters) =>
        SendAsync("2014-05-26", action, SignatureStyle.Acs3, parameters);

    public Task<ApiResponse> KmsAsync(string action, params (string Name, string Value)[] parameters) =>
        SendAsync("2016-01-20", action, SignatureStyle.Acs3, parameters);

    public async Task<ApiResponse> SendAsync(
        string version, string action, SignatureStyle style, (string Name, string Value)[] parameters, string? nonce = null)
    {
        using var request = Build(version, action, style, parameters, nonce);
        return await SendAsync(request);
    }

    public static async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        var response = await s_http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return new ApiResponse(response.StatusCode, document.RootElement.Clone(), response);
    }

    public HttpRequestMessage Build(string version, string action, SignatureStyle style, (string Name, string Value)[] parameters, string? nonce = null)
    {
        nonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var timestamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var host = HostHeader ?? baseAddress.Authority;
        return style == SignatureStyle.Acs3
            ? BuildAcs3(version, action, parameters, nonce, timestamp, host)
            : BuildHmacSha1(version, action, style, parameters, nonce, timestamp, host);
    }

    private HttpRequestMessage BuildAcs3(string version, string action, (string Name, string Value)[] parameters, string nonce, string timestamp, string host)
    {
        var query = string.Join('&', parameters.Select(pair => $"{PercentEncoding.Rfc3986(pair.Name)}={PercentEncoding.Rfc3986(pair.Value)}"));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/?" + query));
        var headers = new Dictionary<string, string>
        {
            ["host"] = host,
            ["x-acs-action"] = action,
            ["x-acs-version"] = version,
            ["x-acs-date"] = timestamp,
            ["x-acs-signature-nonce"] = nonce,
            ["x-acs-content-sha256"] = Acs3Signature.HashHex([]),
        };
        var signedHeaders = headers.Keys.Order(StringComparer.Ordinal).ToList();
        var signed = new SignedRequest("POST", "/", new RequestParameters(RequestParameters.ParseUrlEncoded(query), []), headers, []);
        var signature = Acs3Signature.Sign(secret, Acs3Signature.StringToSign(Acs3Signature.CanonicalRequest(signed, signedHeaders, headers["x-acs-content-sha256"])));
        foreach (var (name, value) in headers.Where(header => header.Key != "host"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Authorization",
            $"ACS3-HMAC-SHA256 Credential={accessKeyId},SignedHeaders={string.Join(';', signedHeaders)},Signature={signature}");
        return request;
    }

    private HttpRequestMessage BuildHmacSha1(
        string version, string action, SignatureStyle style, (string Name, string Value)[] parameters, string nonce, string timestamp, string host)
    {
        var all = parameters.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value)).Concat(
        [
            new("Action", action), new("Version", version), new("Format", "JSON"), new("AccessKeyId", accessKeyId),
            new("SignatureMethod", "HMAC-SHA1"), new("SignatureVersion", "1.0"), new("SignatureNonce", nonce), new("Timestamp", timestamp),
        ]).ToList();
        var method = style == SignatureStyle.HmacSha1Get ? "GET" : "POST";
        var unsigned = new SignedRequest(method, "/", new RequestParameters(all, []), new Dictionary<string, string>(), []);
        all.Add(new("Signature", HmacSha1Signature.Sign(secret, HmacSha1Signature.StringToSign(unsigned))));
        var encoded = string.Join('&', all.Select(pair => $"{PercentEncoding.Rfc3986(pair.Key)}={PercentEncoding.Rfc3986(pair.Value)}"));
        var request = style == SignatureStyle.HmacSha1Get
            ? new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "/?" + encoded))
            : new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/"))
            {
                Content = new StringContent(encoded, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
        request.Headers.Host = host;
        return request;
    }
}
