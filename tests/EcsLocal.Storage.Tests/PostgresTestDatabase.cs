using Npgsql;

namespace EcsLocal.Storage.Tests;

/// <summary>
/// A database created for one test on the PostgreSQL server named by <see cref="ServerVariable"/>, and dropped on
/// dispose. Without that variable the test is skipped, or fails when CI is true.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "ECSLOCAL_TEST_POSTGRES";

    private readonly string _serverConnectionString;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = ReadServerConnectionString();
        var name = $"ecslocal_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name};");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new PostgresTestDatabase(server, name, connectionString);
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE);");

    private static string ReadServerConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        const string Hint = $"{ServerVariable} is not set. Run 'eval \"$(bash .ci/postgres.sh)\"' to start a PostgreSQL server on 127.0.0.1 and set it.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Hint} CI requires the PostgreSQL store tests.");
        }

        throw new SkipException($"{Hint} Skipping the PostgreSQL store tests.");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
