using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain.Accounts;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Accounts;

/// <summary>Looks up AccessKeys in the store and decrypts their secrets for signature verification.</summary>
public sealed class StoreAccessKeyDirectory(IStore store, SecretProtector protector) : IAccessKeyDirectory
{
    public async Task<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var accessKey = await store.ReadAsync(session => session.GetAccessKeyAsync(accessKeyId), cancellationToken);
        return accessKey is null
            ? null
            : new AccessKeyCredential(accessKey.Id, accessKey.AccountId, protector.Unprotect(accessKey.ProtectedSecret, accessKey.Id),
                accessKey.Status == AccessKeyStatus.Active, accessKey.UserName);
    }
}

/// <summary>Records nonces in the store, which every server node on one database shares.</summary>
public sealed class StoreNonceRegistry(IStore store, TimeProvider time) : INonceRegistry
{
    public async Task<bool> TryRegisterAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var result = await store.WriteAsync(
            async session => Domain.Result<bool>.Success(await session.TryRecordNonceAsync(accessKeyId, nonce, expiresAt, time.GetUtcNow())),
            cancellationToken);
        return result.Value;
    }
}
