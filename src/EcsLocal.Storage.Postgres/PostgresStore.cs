using System.Data;
using System.Globalization;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using Npgsql;

namespace EcsLocal.Storage.Postgres;

/// <summary>
/// The PostgreSQL store, which several server nodes can share. Writes run at SERIALIZABLE, so a unit of work that
/// reads, decides and writes behaves as if it ran alone, with no explicit row locks. PostgreSQL aborts one of two
/// conflicting writers with a serialization failure (or, rarely, a deadlock), and the store then reruns the whole unit
/// of work on a fresh transaction, up to <see cref="MaxWriteAttempts"/> times. A unique violation is retried too,
/// because a check-then-insert that lost a race finds the winner's row on its next attempt. A true duplicate fails the
/// same way every time and reaches the caller after the last attempt. Because of the reruns, a unit of work must not
/// have effects outside the database. Reads run in REPEATABLE READ READ ONLY transactions, which see one snapshot in
/// every statement and never fail to serialize.
/// </summary>
public sealed class PostgresStore : IStore, IAsyncDisposable
{
    /// <summary>How many times a write transaction runs before its last error reaches the caller.</summary>
    public const int MaxWriteAttempts = 10;

    // Key of the transaction-scoped advisory lock that serializes schema migrations of processes starting together.
    // Its bytes spell "EcsLocal" in ASCII.
    private const long MigrationLockKey = 0x4563_734C_6F63_616C;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Action<PostgresException, int>? _onRetry;
    private long _writeRetries;

    /// <param name="connectionString">An Npgsql connection string naming an existing database.</param>
    /// <param name="onRetry">Called with the error and the number of the failed attempt before each rerun of a write.</param>
    public PostgresStore(string connectionString, Action<PostgresException, int>? onRetry = null)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _onRetry = onRetry;
    }

    /// <summary>The number of write attempts rerun after a serialization failure, deadlock or unique violation.</summary>
    public long WriteRetries => Interlocked.Read(ref _writeRetries);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey});", cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL);", cancellationToken);
        var current = await ReadVersionAsync(connection, transaction, cancellationToken);
        var migrations = PostgresSchema.Migrations;
        if (current > migrations.Count)
        {
            throw new InvalidOperationException(
                $"The database has schema version {current}, newer than this EcsLocal's {migrations.Count}; use a newer EcsLocal.");
        }

        for (var version = current + 1; version <= migrations.Count; version++)
        {
            await ExecuteAsync(connection, transaction, migrations[version - 1], cancellationToken);
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM schema_version;", cancellationToken);
        await ExecuteAsync(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({migrations.Count});", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Result<T>> WriteAsync<T>(Func<IStoreSession, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(work, cancellationToken);
            }
            catch (PostgresException error) when (attempt < MaxWriteAttempts && IsRetryable(error))
            {
                Interlocked.Increment(ref _writeRetries);
                _onRetry?.Invoke(error, attempt);
                await Task.Delay(RetryDelay(attempt), cancellationToken);
            }
        }
    }

    public async Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await ExecuteAsync(connection, transaction, "SET TRANSACTION READ ONLY;", cancellationToken);
        var value = await work(new PostgresStoreSession(connection, transaction));
        await transaction.CommitAsync(cancellationToken);
        return value;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<Result<T>> WriteOnceAsync<T>(Func<IStoreSession, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var result = await work(new PostgresStoreSession(connection, transaction));
        if (result.IsSuccess)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return result;
    }

    private static bool IsRetryable(PostgresException error) =>
        error.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation;

    // Grows from about 10 ms to about 160 ms; the random part keeps writers that failed together from colliding again.
    private static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds((5 << Math.Min(attempt, 5)) * (0.5 + Random.Shared.NextDouble()));

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
