namespace EcsLocal.Protocol.Signatures;

/// <summary>An AccessKey as the authenticator needs it: the plain secret, the owning account and RAM user.</summary>
/// <param name="UserName">The RAM user that owns the key; null for a key of the account itself.</param>
public sealed record AccessKeyCredential(string AccessKeyId, string AccountId, string Secret, bool IsActive, string? UserName = null);

/// <summary>The authenticated caller of a request: an account, or a RAM user of it when <see cref="UserName"/> is set.</summary>
public sealed record Caller(string AccountId, string AccessKeyId, string? UserName = null)
{
    /// <summary>Whether the caller signed with a RAM user's AccessKey, so that the user's policies decide what it may do.</summary>
    public bool IsRamUser => UserName is not null;
}

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
