namespace EcsLocal.Domain.Accounts;

public enum AccessKeyStatus
{
    Active,
    Inactive,
}

/// <summary>An AccessKey pair of an account or of a RAM user. The secret is stored only in its protected (encrypted) form.</summary>
/// <param name="UserName">The RAM user the key belongs to; null for a key of the account itself, which may do everything.</param>
public sealed record AccessKey(
    string Id,
    string AccountId,
    AccessKeyStatus Status,
    DateTimeOffset CreatedAt,
    byte[] ProtectedSecret,
    string? UserName = null);
