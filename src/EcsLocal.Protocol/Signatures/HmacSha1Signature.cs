using System.Security.Cryptography;
using System.Text;

namespace EcsLocal.Protocol.Signatures;

/// <summary>
/// HMAC-SHA1 signature version 1.0, used by pop-core, the older generated SDKs and <c>signatureAlgorithm: 'v2'</c>:
/// every query and form parameter but <c>Signature</c>, sorted and encoded, signed with the secret plus <c>&amp;</c>.
/// </summary>
public static class HmacSha1Signature
{
    public const string SignatureParameter = "Signature";
    public const string Method = "HMAC-SHA1";
    public const string Version = "1.0";

    public static string StringToSign(SignedRequest request)
    {
        var canonical = string.Join('&', request.Parameters.All
            .Where(pair => pair.Key != SignatureParameter)
            .Select(pair => (Name: PercentEncoding.Rfc3986(pair.Key), Value: PercentEncoding.Rfc3986(pair.Value)))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Name + "=" + pair.Value));
        return request.Method + "&" + PercentEncoding.Rfc3986("/") + "&" + PercentEncoding.Rfc3986(canonical);
    }

    public static string Sign(string secret, string stringToSign) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(stringToSign)));
}
