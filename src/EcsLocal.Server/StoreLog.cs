using Npgsql;

namespace EcsLocal.Server;

/// <summary>Log events of the store, ids 3000 to 3099.</summary>
internal static partial class StoreLog
{
    /// <summary>Returns a callback that logs each rerun of a PostgreSQL write transaction.</summary>
    public static Action<PostgresException, int> RetryLogger(ServerOptions options)
    {
        var factory = LoggerFactory.Create(logging => logging.SetMinimumLevel(options.LogLevel).AddSimpleConsole(console => console.SingleLine = true));
        var logger = factory.CreateLogger("EcsLocal.Storage.Postgres");
        return (error, attempt) => WriteRetried(logger, attempt, error.SqlState, error.MessageText);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "PostgreSQL write attempt {Attempt} failed with SQLSTATE {SqlState} ({Reason}); running the transaction again")]
    private static partial void WriteRetried(ILogger logger, int attempt, string sqlState, string reason);
}
