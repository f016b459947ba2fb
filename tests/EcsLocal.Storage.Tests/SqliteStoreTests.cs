using EcsLocal.Application.Storage;
using EcsLocal.Domain.Access;
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

    [Fact]
    public async Task Store_of_schema_9_upgrades_with_its_data()
    {
        var path = Path.Combine(_directory, "schema9.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            var setup = string.Join("\n", SqliteSchema.Migrations.Take(9)) + """
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                INSERT INTO schema_version (version) VALUES (9);
                INSERT INTO accounts (id, created_at, default_encryption_allowed) VALUES ('1234567890123456', 1764849600000, 1);
                INSERT INTO access_keys (id, account_id, status, created_at, protected_secret) VALUES ('LTAIold', '1234567890123456', 'Active', 1764849600000, x'01');
                INSERT INTO account_roles (account_id, role_name) VALUES ('1234567890123456', 'AliyunECSDiskEncryptDefaultRole');
                """;
            await using var command = connection.CreateCommand();
            command.CommandText = setup;
            await command.ExecuteNonQueryAsync();
        }

        var store = new SqliteStore(path);
        await store.InitializeAsync(CancellationToken.None);
        var role = await store.ReadAsync(session => session.GetRoleAsync("1234567890123456", "AliyunECSDiskEncryptDefaultRole"), CancellationToken.None);
        var key = await store.ReadAsync(session => session.GetAccessKeyAsync("LTAIold"), CancellationToken.None);

        Assert.NotNull(role);
        Assert.Matches("^[1-9][0-9]{15}$", role.RoleId);
        Assert.Equal(RamRole.EcsServiceTrustPolicy, role.AssumeRolePolicyDocument);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764849600000), role.CreateDate);
        Assert.Equal(RamRole.DefaultMaxSessionDuration, role.MaxSessionDuration);
        Assert.Null(key!.UserName);
    }
}
