namespace EcsLocal.Domain.Accounts;

public enum AccessKeyStatus
{
    Active,
    Inactive,
}

/// <summary>An AccessKey pair of an account. The secret is stored only in its protected (encrypted) form.</summary>
public sealed record AccessKey(
    string Id,
    string AccountId,
    AccessKeyStatus Status,
    DateTimeOffset CreatedAt,
    byte[] ProtectedSecret);
