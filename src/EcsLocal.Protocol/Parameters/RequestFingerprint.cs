using System.Security.Cryptography;
using System.Text;

namespace EcsLocal.Protocol.Parameters;

public static class RequestFingerprint
{
    /// <summary>The parameters of the signature and the protocol, which differ between retries of one request.</summary>
    private static readonly HashSet<string> s_protocolParameters = new(StringComparer.Ordinal)
    {
        "Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp",
        "Signature", "SecurityToken", "SignatureType", "BearerToken", "ClientToken",
    };

    /// <summary>
    /// Hashes the operation parameters of a request, sorted by name. A retry with the same ClientToken has the same
    /// hash, and a different request that reuses the token has another one.
    /// </summary>
    public static string Compute(RequestParameters parameters)
    {
        var canonical = string.Join('\n', parameters.All
            .Where(pair => !s_protocolParameters.Contains(pair.Key))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Key + "=" + pair.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
