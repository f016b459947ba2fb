using EcsLocal.Application.Storage;

namespace EcsLocal.Server;

/// <summary>
/// Background work that runs one store transaction at a fixed interval and logs, without stopping, when a run fails.
/// The interval runs on the system clock, so a test clock that jumps days ahead does not fire it for every period skipped.
/// </summary>
internal abstract partial class PeriodicStoreWork(IStore store, TimeProvider time, ILogger logger, TimeSpan interval) : BackgroundService
{
    /// <summary>Does one run at <paramref name="now"/> and returns how many rows it changed.</summary>
    protected abstract Task<int> RunOnceAsync(IStoreSession session, DateTimeOffset now);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var changed = await store.WriteAsync(
                    async session => Domain.Result<int>.Success(await RunOnceAsync(session, time.GetUtcNow())), stoppingToken);
                LogRun(GetType().Name, changed.Value);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception, GetType().Name, (long)interval.TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "{Work} changed {Count} rows")]
    private partial void LogRun(string work, int count);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "{Work} failed; retrying in {IntervalMs} ms")]
    private partial void LogFailed(Exception exception, string work, long intervalMs);
}

/// <summary>Deletes expired signature nonces once a minute, so the nonce table stays small.</summary>
internal sealed class NonceCleanup(IStore store, TimeProvider time, ILogger<NonceCleanup> logger)
    : PeriodicStoreWork(store, time, logger, TimeSpan.FromMinutes(1))
{
    protected override Task<int> RunOnceAsync(IStoreSession session, DateTimeOffset now) => session.DeleteExpiredNoncesAsync(now);
}

/// <summary>
/// Moves disks out of Creating and snapshots out of progressing once their ready time has passed. The update is
/// conditional, so several server nodes can run it at once without doing anything twice.
/// </summary>
internal sealed class TransitionWorker(IStore store, TimeProvider time, ILogger<TransitionWorker> logger)
    : PeriodicStoreWork(store, time, logger, TimeSpan.FromMilliseconds(250))
{
    protected override Task<int> RunOnceAsync(IStoreSession session, DateTimeOffset now) => session.CompleteDueTransitionsAsync(now);
}
