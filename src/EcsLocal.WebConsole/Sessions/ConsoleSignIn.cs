using System.Security.Cryptography;
using System.Text;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.WebConsole.Sessions;

/// <summary>
/// Checks an AccessKey pair typed into the sign-in form. The outcomes carry the errors that a request signed with
/// the same pair would get from the API: an unknown id, a wrong secret, an inactive key.
/// </summary>
public sealed class ConsoleSignIn(IAccessKeyDirectory directory)
{
    public const int MaxAccessKeyIdLength = 128;
    public const int MaxSecretLength = 256;

    public async Task<Result<Caller>> VerifyAsync(string accessKeyId, string secret, CancellationToken cancellationToken)
    {
        if (accessKeyId.Length is 0 or > MaxAccessKeyIdLength || secret.Length is 0 or > MaxSecretLength)
        {
            return ErrorCatalog.InvalidAccessKeyIdNotFound;
        }

        var credential = await directory.FindAsync(accessKeyId, cancellationToken);
        if (credential is null)
        {
            return ErrorCatalog.InvalidAccessKeyIdNotFound;
        }

        // Hashing first gives both sides the same length, so the comparison time reveals nothing about the secret.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(credential.Secret));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            // The API's message ends with the string it signed; a form has none, so the placeholder is left empty.
            return ErrorCatalog.SignatureDoesNotMatch.Format("");
        }

        if (!credential.IsActive)
        {
            return ErrorCatalog.InvalidAccessKeyIdInactive;
        }

        return new Caller(credential.AccountId, credential.AccessKeyId, credential.UserName);
    }
}
