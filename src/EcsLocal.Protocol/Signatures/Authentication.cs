namespace EcsLocal.Protocol.Signatures;

/// <summary>An AccessKey as the authenticator needs it: the plain secret and the owning account.</summary>
public sealed record AccessKeyCredential(string AccessKeyId, string AccountId, string Secret, bool IsActive);

/// <summary>The authenticated caller of a request.</summary>
public sealed record Caller(string AccountId, string AccessKeyId);

/// <summary>Finds AccessKeys by id for signature verification.</summary>
public interface IAccessKeyDirectory
{
    Task<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken);
}

/// <summary>Records signature nonces so that a signed request cannot be replayed within the timestamp window.</summary>
public interface INonceRegistry
{
    /// <summary>Records the nonce; returns false when the same AccessKey used it before and it has not expired.</summary>
    Task<bool> TryRegisterAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
