using System.Collections.Concurrent;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Protocol.Tests;

internal sealed class InMemoryAccessKeys : IAccessKeyDirectory
{
    public const string AccountId = "1234567890123456";

    public Dictionary<string, AccessKeyCredential> Keys { get; } = new()
    {
        [SignatureVectors.AccessKeyId] = new(SignatureVectors.AccessKeyId, AccountId, SignatureVectors.Secret, true),
    };

    public Task<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken) =>
        Task.FromResult(Keys.GetValueOrDefault(accessKeyId));
}

internal sealed class InMemoryNonces : INonceRegistry
{
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _seen = new();

    public Task<bool> TryRegisterAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult(_seen.TryAdd((accessKeyId, nonce), expiresAt));
}
