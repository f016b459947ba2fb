using System.Security.Cryptography;
using System.Text;

namespace EcsLocal.Protocol.Signatures;

/// <summary>The parsed <c>Authorization: ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...</c> header.</summary>
public sealed record Acs3Authorization(string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>Parses the header; returns null when a part is missing or empty.</summary>
    public static Acs3Authorization? Parse(string header)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(Algorithm.Length + 1)..].Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }

        if (!parts.TryGetValue("Credential", out var credential) || credential.Length == 0 ||
            !parts.TryGetValue("SignedHeaders", out var signedHeaders) || signedHeaders.Length == 0 ||
            !parts.TryGetValue("Signature", out var signature) || signature.Length == 0)
        {
            return null;
        }

        return new Acs3Authorization(credential, signedHeaders.Split(';'), signature);
    }
}

/// <summary>
/// ACS3-HMAC-SHA256, the default signature of the current Alibaba Cloud SDKs: an HMAC-SHA256 over a canonical
/// request made of the method, path, sorted query, signed headers and the SHA-256 of the body.
/// </summary>
public static class Acs3Signature
{
    public const string ContentHashHeader = "x-acs-content-sha256";
    public const string DateHeader = "x-acs-date";
    public const string NonceHeader = "x-acs-signature-nonce";

    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Builds the canonical request of a signed request for the headers the client listed as signed.</summary>
    public static string CanonicalRequest(SignedRequest request, IReadOnlyList<string> signedHeaders, string hashedPayload)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(string.IsNullOrEmpty(request.Path) ? "/" : request.Path).Append('\n');
        builder.Append(CanonicalQuery(request.Parameters.Query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var lowerName = name.ToLowerInvariant();
            builder.Append(lowerName).Append(':').Append((request.Header(lowerName) ?? "").Trim()).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaders)).Append('\n');
        builder.Append(hashedPayload);
        return builder.ToString();
    }

    public static string StringToSign(string canonicalRequest) =>
        Acs3Authorization.Algorithm + "\n" + HashHex(Encoding.UTF8.GetBytes(canonicalRequest));

    public static string Sign(string secret, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

    private static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query) =>
        string.Join('&', query
            .Select(pair => (Name: PercentEncoding.Rfc3986(pair.Key), Value: PercentEncoding.Rfc3986(pair.Value)))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Name + "=" + pair.Value));
}
