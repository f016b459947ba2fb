using EcsLocal.Protocol.Parameters;

namespace EcsLocal.Protocol.Signatures;

/// <summary>The parts of an HTTP request that the signature algorithms cover.</summary>
/// <param name="Headers">Header values by lower-case name; repeated headers are joined with commas.</param>
/// <param name="Body">The raw request body, which ACS3-HMAC-SHA256 hashes.</param>
public sealed record SignedRequest(
    string Method,
    string Path,
    RequestParameters Parameters,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string? Header(string lowerCaseName) => Headers.GetValueOrDefault(lowerCaseName);
}
