using EcsLocal.Application.Storage;

namespace EcsLocal.Server;

/// <summary>Deletes expired signature nonces once a minute, so the nonce table stays small.</summary>
internal sealed partial class NonceCleanup(IStore store, TimeProvider time, ILogger<NonceCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await store.WriteAsync(
                    async session => Domain.Result<int>.Success(await session.DeleteExpiredNoncesAsync(time.GetUtcNow())), stoppingToken);
                LogDeleted(deleted.Value);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Deleted {Count} expired signature nonces")]
    private partial void LogDeleted(int count);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Deleting expired signature nonces failed; retrying in a minute")]
    private partial void LogFailed(Exception exception);
}
