using EcsLocal.Application.Storage;
using EcsLocal.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace EcsLocal.Storage.Tests;

public sealed class SqliteStoreTests : StoreContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecslocal-sqlite-").FullName;

    protected override Task<IStore> CreateStoreAsync() => Task.FromResult<IStore>(new SqliteStore(Path.Combine(_directory, "test.db")));

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Database_uses_wal_journal()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "test.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Newer_schema_version_stops_start_up()
    {
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "test.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 99;";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.InitializeAsync(CancellationToken.None));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }
}
