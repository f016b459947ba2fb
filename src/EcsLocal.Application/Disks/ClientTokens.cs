using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;

namespace EcsLocal.Application.Disks;

/// <summary>
/// ClientToken idempotency: a retry with the same token and parameters returns the first resource; the same token
/// with other parameters is rejected.
/// </summary>
internal static class ClientTokens
{
    /// <summary>Returns the id created earlier with this token, a mismatch error, or null when the token is new or absent.</summary>
    /// <param name="mismatch">The action's error for a reused token with other parameters; IdempotentParameterMismatch when null.</param>
    public static async Task<Result<string>?> FindAsync(
        IStoreSession session, string accountId, string action, string? token, string fingerprint, ServiceError? mismatch = null)
    {
        if (token is null)
        {
            return null;
        }

        var record = await session.GetClientTokenAsync(accountId, action, token);
        if (record is null)
        {
            return null;
        }

        return record.Fingerprint == fingerprint ? record.ResourceId : mismatch ?? ErrorCatalog.IdempotentParameterMismatch;
    }

    public static Task RecordAsync(
        IStoreSession session, string accountId, string action, string? token, string fingerprint, string resourceId, DateTimeOffset now) =>
        token is null
            ? Task.CompletedTask
            : session.InsertClientTokenAsync(new ClientTokenRecord(accountId, action, token, fingerprint, resourceId, now));
}
