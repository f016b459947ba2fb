using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Images;
using EcsLocal.Domain.Kms;
using EcsLocal.Storage.Postgres;
using Npgsql;

namespace EcsLocal.Storage.Tests;

public sealed class PostgresStoreTests : StoreContract
{
    private PostgresTestDatabase? _database;
    private PostgresStore? _store;

    private PostgresTestDatabase Database => _database ?? throw new InvalidOperationException("The test database was not created.");

    protected override async Task<IStore> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _store = new PostgresStore(_database.ConnectionString);
        return _store;
    }

    public override async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Newer_schema_version_stops_start_up()
    {
        await ExecuteAsync(Database.ConnectionString, "UPDATE schema_version SET version = 99;");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.InitializeAsync(CancellationToken.None));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Concurrent_initialize_migrates_once()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresStore(database.ConnectionString)).ToList();

        await Task.WhenAll(stores.Select(store => store.InitializeAsync(CancellationToken.None)));

        var expected = await ScalarAsync(Database.ConnectionString, "SELECT version FROM schema_version;");
        Assert.Equal(1L, await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(expected, await ScalarAsync(database.ConnectionString, "SELECT version FROM schema_version;"));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Schema_uses_boolean_and_bigint_columns()
    {
        const string TypeOf = "SELECT data_type FROM information_schema.columns WHERE table_name = @table AND column_name = @column;";

        Assert.Equal("boolean", await ScalarAsync(Database.ConnectionString, TypeOf, ("@table", "disks"), ("@column", "encrypted")));
        Assert.Equal("bigint", await ScalarAsync(Database.ConnectionString, TypeOf, ("@table", "disks"), ("@column", "creation_time")));
        Assert.Equal("jsonb", await ScalarAsync(Database.ConnectionString, TypeOf, ("@table", "images"), ("@column", "mappings")));
    }

    [SkippableFact]
    public async Task Image_round_trips_mappings()
    {
        ImageDiskMapping[] mappings =
        [
            new("/dev/xvda", DiskTypes.System, 40, "s-1", true, "k-1", Domain.Encryption.KeyReason.Source),
            new("/dev/xvdb", DiskTypes.Data, 100, null, false, null, null),
        ];
        var image = new Image("m-1", AccountId, "cn-hangzhou", ImageOwnerAliases.Self, "name", "", ImageStatuses.Creating, Now, Now.AddSeconds(5),
            "Ubuntu", "linux", "Ubuntu 24.04", "x86_64", false, null, null, mappings, [new ResourceTag("env", "test")]);
        await Store.WriteAsync(async session =>
        {
            await session.InsertImageAsync(image);
            return Result<Unit>.Success(Unit.Value);
        }, CancellationToken.None);

        var loaded = await Store.ReadAsync(session => session.GetImageAsync("cn-hangzhou", "m-1"), CancellationToken.None);
        var available = await Store.ReadAsync(session => session.ListImagesAsync(new ImageQuery(AccountId, "cn-hangzhou", Now.AddSeconds(5), 10, 0,
            IncludeSystem: false, IncludeSelf: true, IncludeShared: false, Statuses: [ImageStatuses.Available])), CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(mappings, loaded.Mappings);
        Assert.Equal(image.Tags, loaded.Tags);
        Assert.Equal(image with { Mappings = [], Tags = [] }, loaded with { Mappings = [], Tags = [] });
        Assert.Equal(["m-1"], available.Items.Select(item => item.Id));
    }

    [SkippableFact]
    public async Task Concurrent_disk_inserts_keep_exact_count()
    {
        var writes = Enumerable.Range(0, 20).Select(i => Store.WriteAsync(async session =>
        {
            await session.InsertDiskAsync(new Disk($"d-{i:D2}", AccountId, "cn-hangzhou", "cn-hangzhou-i", "cloud_essd", null, 40, "", "",
                DiskStatuses.Creating, Now.AddSeconds(i), Now, false, null, null, null, DiskTypes.Data, null, false, []));
            return Result<Unit>.Success(Unit.Value);
        }, CancellationToken.None));

        var results = await Task.WhenAll(writes);
        var page = await Store.ReadAsync(session => session.ListDisksAsync(new DiskQuery(AccountId, "cn-hangzhou", Now, 100)), CancellationToken.None);

        Assert.All(results, result => Assert.True(result.IsSuccess));
        Assert.Equal(20, page.TotalCount);
        Assert.Equal(20, page.Items.Count);
    }

    [SkippableFact]
    public async Task Racing_alias_inserts_retry_and_see_winner()
    {
        var reads = 0;
        var bothRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<Result<bool>> InsertUnlessPresent(string keyId) => Store.WriteAsync(async session =>
        {
            var existing = await session.GetAliasAsync(AccountId, "cn-hangzhou", "alias/shared");
            if (Interlocked.Increment(ref reads) == 2)
            {
                bothRead.SetResult();
            }

            await bothRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
            if (existing is not null)
            {
                return Result<bool>.Success(false);
            }

            await session.InsertAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/shared", keyId, Now));
            return Result<bool>.Success(true);
        }, CancellationToken.None);

        var results = await Task.WhenAll(InsertUnlessPresent("k-1"), InsertUnlessPresent("k-2"));

        Assert.Equal(1, results.Count(result => result.Value));
        Assert.True(_store!.WriteRetries >= 1);
        Assert.True(reads >= 3);
    }

    [SkippableFact]
    public async Task WriteAsync_gives_up_after_max_attempts()
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<PostgresException>(() => Store.WriteAsync<Unit>(session =>
        {
            attempts++;
            throw new PostgresException("simulated conflict", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure);
        }, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.SerializationFailure, error.SqlState);
        Assert.Equal(PostgresStore.MaxWriteAttempts, attempts);
        Assert.Equal(PostgresStore.MaxWriteAttempts - 1, _store!.WriteRetries);
    }

    [SkippableFact]
    public async Task WriteAsync_does_not_retry_other_errors()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(() => Store.WriteAsync<Unit>(session =>
        {
            attempts++;
            throw new PostgresException("simulated constraint error", "ERROR", "ERROR", PostgresErrorCodes.ForeignKeyViolation);
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal(0, _store!.WriteRetries);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}
