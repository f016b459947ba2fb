using System.Net;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class FaultHandlingTests : IAsyncLifetime
{
    private readonly FailingStore.Switch _failure = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(wrapStore: store => new FailingStore(store, _failure));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Transaction_exception_writes_nothing()
    {
        var client = _server.Client();
        _failure.Armed = true;

        var response = await client.KmsAsync("OpenKmsService");
        _failure.Armed = false;
        var status = await client.KmsAsync("DescribeAccountKmsStatus");

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("InternalError", response.Code);
        Assert.Equal("The request processing has failed due to some unknown error, exception or failure.", response.String("Message"));
        Assert.Equal("NotEnabled", status.String("AccountStatus"));
        Assert.Contains(_server.Log.Lines, line =>
            line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(response.String("RequestId"), StringComparison.Ordinal) &&
            line.Contains("simulated store failure", StringComparison.Ordinal));
    }

    /// <summary>Runs the real transaction, then throws before it can commit while the switch is armed.</summary>
    private sealed class FailingStore(IStore inner, FailingStore.Switch failure) : IStore
    {
        public sealed class Switch
        {
            public volatile bool Armed;
        }

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<Result<T>> WriteAsync<T>(Func<IStoreSession, Task<Result<T>>> work, CancellationToken cancellationToken) =>
            inner.WriteAsync(async session =>
            {
                var result = await work(session);
                return failure.Armed && typeof(T) == typeof(Unit) ? throw new InvalidOperationException("simulated store failure") : result;
            }, cancellationToken);

        public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken) => inner.ReadAsync(work, cancellationToken);
    }
}
