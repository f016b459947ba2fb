using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;

namespace EcsLocal.Protocol.Signatures;

/// <summary>
/// Verifies the signature of a request in either style the SDKs send, then its timestamp and nonce.
/// </summary>
/// <remarks>
/// The order is: signature parts present, AccessKey known and active, timestamp well formed and within
/// <see cref="TimestampWindow"/>, body hash and signature, and last the nonce, so a forged request cannot
/// use up a nonce.
/// </remarks>
public sealed class RequestAuthenticator(IAccessKeyDirectory accessKeys, INonceRegistry nonces, TimeProvider time)
{
    /// <summary>How far a request timestamp may be from the server clock, either way.</summary>
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromMinutes(15);

    private static readonly string[] s_timestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    public async Task<Result<Caller>> AuthenticateAsync(SignedRequest request, CancellationToken cancellationToken)
    {
        var authorization = request.Header("authorization");
        if (authorization is not null && authorization.StartsWith("ACS3-", StringComparison.Ordinal))
        {
            return await VerifyAcs3Async(request, authorization, cancellationToken);
        }

        if (authorization is not null && authorization.StartsWith("ACS4-", StringComparison.Ordinal))
        {
            return ErrorCatalog.UnsupportedSignatureAlgorithm.Format(authorization.Split(' ')[0]);
        }

        return request.Parameters[HmacSha1Signature.SignatureParameter] is not null
            ? await VerifyHmacSha1Async(request, cancellationToken)
            : ErrorCatalog.IncompleteSignature;
    }

    private async Task<Result<Caller>> VerifyAcs3Async(SignedRequest request, string header, CancellationToken cancellationToken)
    {
        var parsed = Acs3Authorization.Parse(header);
        if (parsed is null)
        {
            return ErrorCatalog.UnsupportedSignatureAlgorithm.Format(header.Split(' ')[0]);
        }

        var signed = parsed.SignedHeaders.Select(name => name.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var date = request.Header(Acs3Signature.DateHeader);
        var nonce = request.Header(Acs3Signature.NonceHeader);
        var contentHash = request.Header(Acs3Signature.ContentHashHeader);
        if (!signed.Contains("host") || !signed.Contains(Acs3Signature.DateHeader) || !signed.Contains(Acs3Signature.NonceHeader) ||
            string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(contentHash))
        {
            return ErrorCatalog.IncompleteSignature;
        }

        var credential = await FindActiveKeyAsync(parsed.AccessKeyId, cancellationToken);
        if (!credential.IsSuccess)
        {
            return credential.Error;
        }

        var timestampError = CheckTimestamp(date, "x-acs-date");
        if (timestampError is not null)
        {
            return timestampError;
        }

        if (!string.Equals(contentHash, Acs3Signature.HashHex(request.Body), StringComparison.Ordinal))
        {
            return ErrorCatalog.ContentHashDoesNotMatch;
        }

        var stringToSign = Acs3Signature.StringToSign(Acs3Signature.CanonicalRequest(request, parsed.SignedHeaders, contentHash));
        var expected = Acs3Signature.Sign(credential.Value.Secret, stringToSign);
        if (!FixedTimeEquals(expected, parsed.Signature))
        {
            return ErrorCatalog.SignatureDoesNotMatch.Format(stringToSign);
        }

        return await RegisterNonceAsync(credential.Value, nonce, cancellationToken);
    }

    private async Task<Result<Caller>> VerifyHmacSha1Async(SignedRequest request, CancellationToken cancellationToken)
    {
        var parameters = request.Parameters;
        var accessKeyId = parameters["AccessKeyId"];
        var nonce = parameters["SignatureNonce"];
        if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(parameters["Signature"]) ||
            parameters["SignatureMethod"] != HmacSha1Signature.Method ||
            (parameters["SignatureVersion"] ?? HmacSha1Signature.Version) != HmacSha1Signature.Version)
        {
            return ErrorCatalog.IncompleteSignature;
        }

        var credential = await FindActiveKeyAsync(accessKeyId, cancellationToken);
        if (!credential.IsSuccess)
        {
            return credential.Error;
        }

        var timestampError = CheckTimestamp(parameters["Timestamp"], "Timestamp");
        if (timestampError is not null)
        {
            return timestampError;
        }

        var stringToSign = HmacSha1Signature.StringToSign(request);
        var expected = HmacSha1Signature.Sign(credential.Value.Secret, stringToSign);
        if (!FixedTimeEquals(expected, parameters["Signature"]!))
        {
            return ErrorCatalog.SignatureDoesNotMatch.Format(stringToSign);
        }

        return await RegisterNonceAsync(credential.Value, nonce, cancellationToken);
    }

    private async Task<Result<AccessKeyCredential>> FindActiveKeyAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var credential = await accessKeys.FindAsync(accessKeyId, cancellationToken);
        if (credential is null)
        {
            return ErrorCatalog.InvalidAccessKeyIdNotFound;
        }

        return credential.IsActive ? credential : ErrorCatalog.InvalidAccessKeyIdInactive;
    }

    private ServiceError? CheckTimestamp(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return name == "Timestamp" ? ErrorCatalog.IllegalTimestamp : ErrorCatalog.IncompleteSignature;
        }

        if (!DateTimeOffset.TryParseExact(value, s_timestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            return ErrorCatalog.InvalidTimeStampFormat;
        }

        var skew = (time.GetUtcNow() - timestamp).Duration();
        return skew > TimestampWindow ? ErrorCatalog.InvalidTimeStampExpired : null;
    }

    private async Task<Result<Caller>> RegisterNonceAsync(AccessKeyCredential credential, string nonce, CancellationToken cancellationToken)
    {
        // A nonce must stay remembered as long as a request carrying it could still pass the timestamp check.
        var expiresAt = time.GetUtcNow() + TimestampWindow + TimestampWindow;
        var fresh = await nonces.TryRegisterAsync(credential.AccessKeyId, nonce, expiresAt, cancellationToken);
        return fresh ? new Caller(credential.AccountId, credential.AccessKeyId, credential.UserName) : ErrorCatalog.SignatureNonceUsed;
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
