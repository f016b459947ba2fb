using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Application.Disks;

/// <summary>
/// Snapshot sharing between accounts. The 2014-05-26 API has no snapshot sharing action (the real service shares
/// snapshots from its console), so the operator interface shares them, under the same rules as images.
/// </summary>
public static class SnapshotAccess
{
    /// <summary>Finds a snapshot the account owns or that was shared with it; any other snapshot is reported as absent.</summary>
    public static async Task<Snapshot?> FindUsableAsync(IStoreSession session, string accountId, string snapshotId)
    {
        var snapshot = await session.GetSnapshotAsync(snapshotId);
        if (snapshot is null)
        {
            return null;
        }

        return snapshot.AccountId == accountId || await session.IsSnapshotSharedWithAsync(snapshot.Id, accountId) ? snapshot : null;
    }

    /// <summary>
    /// Shares a snapshot with an account or stops sharing it. An encrypted snapshot may be shared only when its key is a
    /// customer key with imported (BYOK) material.
    /// </summary>
    public static Task<Result<Unit>> SetShareAsync(IStore store, string snapshotId, string accountId, bool shared, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var snapshot = await session.GetSnapshotAsync(snapshotId);
            if (snapshot is null)
            {
                return ErrorCatalog.SnapshotNotFound;
            }

            if (accountId == snapshot.AccountId)
            {
                return ErrorCatalog.ShareWithSelf;
            }

            if (await session.GetAccountAsync(accountId) is null)
            {
                return ErrorCatalog.ShareAccountNotFound.Format(accountId);
            }

            if (shared && snapshot.Encrypted)
            {
                var key = await session.GetKeyAsync(snapshot.AccountId, snapshot.RegionId, snapshot.KmsKeyId!);
                var error = EncryptionDecisionEngine.CheckShareable(true, key?.IsServiceKey ?? snapshot.KeyReason == KeyReason.ServiceKey,
                    key?.Origin == KeyOrigins.External, makePublic: false);
                if (error is not null)
                {
                    return error;
                }
            }

            await session.SetSnapshotShareAsync(snapshotId, accountId, shared, now);
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);
}
