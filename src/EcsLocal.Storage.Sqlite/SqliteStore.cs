using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using Microsoft.Data.Sqlite;

namespace EcsLocal.Storage.Sqlite;

/// <summary>
/// The embedded SQLite store: one database file in WAL mode, so the CLI and the server can use it at once.
/// Write transactions start with <c>BEGIN IMMEDIATE</c>, which serializes writers and avoids lock upgrades that
/// fail under contention; waiting writers retry until <see cref="BusyTimeoutSeconds"/>.
/// </summary>
public sealed class SqliteStore : IStore
{
    public const int BusyTimeoutSeconds = 30;

    private readonly string _connectionString;

    // SQLite allows one writer at a time, and a writer that finds the database locked backs off by sleeping. Queuing the
    // writers of this process here instead keeps them from sleeping; other processes (the CLI) still wait on the lock.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteStore(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", cancellationToken);
        var current = await ReadVersionAsync(connection, transaction, cancellationToken);
        var migrations = SqliteSchema.Migrations;
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
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(new SqliteStoreSession(connection, transaction));
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
        finally
        {
            _writer.Release();
        }
    }

    public async Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        return await work(new SqliteStoreSession(connection, transaction));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
