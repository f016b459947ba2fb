using System.Collections.Concurrent;
using EcsLocal.Application.Accounts;
using EcsLocal.Application.Storage;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Accounts;
using EcsLocal.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcsLocal.Server.Tests.Support;

/// <summary>
/// A real EcsLocal server on 127.0.0.1 with a free port and its own data directory, bootstrapped with the
/// AccessKey <c>testid</c> / <c>testsecret</c>.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string AccessKeyId = "testid";
    public const string Secret = "testsecret";
    public const string AccountId = "1500000000000001";

    private WebApplication? _app;

    private TestServer(string dataDirectory, TimeProvider time, Func<IStore, IStore>? wrapStore)
    {
        DataDirectory = dataDirectory;
        Time = time;
        WrapStore = wrapStore;
    }

    public string DataDirectory { get; }

    public TimeProvider Time { get; }

    public Func<IStore, IStore>? WrapStore { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public CapturedLog Log { get; } = new();

    public ServerOptions Options => new()
    {
        Port = 0,
        DataDirectory = DataDirectory,
        AccountId = AccountId,
        AccessKeyId = AccessKeyId,
        AccessKeySecret = Secret,
        MaxRequestBodyBytes = 64 * 1024,
        DiskReadyMilliseconds = ReadyMilliseconds,
        SnapshotReadyMilliseconds = ReadyMilliseconds,
        PostgresConnectionString = PostgresConnectionString,
        MasterKey = MasterKey,
        RequestTimeoutSeconds = RequestTimeoutSeconds,
        ConsoleOperator = ConsoleOperator,
    };

    /// <summary>A PostgreSQL store shared with other test servers; null for SQLite in the data directory.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The master key in Base64, which servers sharing one store must have in common.</summary>
    public string? MasterKey { get; init; }

    /// <summary>How long a client may stall while sending a request, in seconds.</summary>
    public int RequestTimeoutSeconds { get; init; } = 30;

    /// <summary>Whether the web console runs in operator mode (ECSLOCAL_CONSOLE_OPERATOR).</summary>
    public bool ConsoleOperator { get; init; }

    /// <summary>How long new disks and snapshots take to become ready; 0 makes them ready at once.</summary>
    public int ReadyMilliseconds { get; init; }

    public static async Task<TestServer> StartAsync(
        TimeProvider? time = null, string? dataDirectory = null, Func<IStore, IStore>? wrapStore = null, int readyMilliseconds = 0,
        string? postgresConnectionString = null, string? masterKey = null, int requestTimeoutSeconds = 30, bool consoleOperator = false)
    {
        var server = new TestServer(dataDirectory ?? Directory.CreateTempSubdirectory("ecslocal-test-").FullName, time ?? TimeProvider.System, wrapStore)
        {
            ReadyMilliseconds = readyMilliseconds,
            PostgresConnectionString = postgresConnectionString,
            MasterKey = masterKey,
            RequestTimeoutSeconds = requestTimeoutSeconds,
            ConsoleOperator = consoleOperator,
        };
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var options = Options;
        var (store, protector) = await EcsLocalHost.OpenStoreAsync(options, CancellationToken.None);
        await Bootstrap.EnsureAsync(options, store, protector, Time, CancellationToken.None);
        _app = EcsLocalHost.Build(options, WrapStore?.Invoke(store) ?? store, protector, Time, Log);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public SignedClient Client(string accessKeyId = AccessKeyId, string secret = Secret) => new(BaseAddress, accessKeyId, secret, Time);

    /// <summary>Returns the operator interface on this server's store, as the CLI uses it while the server runs.</summary>
    public async Task<AccountAdministration> AdministrationAsync()
    {
        var (store, protector) = await EcsLocalHost.OpenStoreAsync(Options, CancellationToken.None, mustExist: true);
        return new AccountAdministration(store, protector, TimeProvider.System);
    }

    /// <summary>Creates another allow-listed account with the service roles and returns a client signed with its AccessKey.</summary>
    public async Task<SignedClient> OtherAccountClientAsync(string accountId = "1600000000000002")
    {
        var administration = await AdministrationAsync();
        var account = await administration.CreateAccountAsync(accountId, true, true, CancellationToken.None);
        var key = await administration.CreateAccessKeyAsync(account.Value.Id, null, null, CancellationToken.None);
        return Client(key.Value.AccessKeyId, key.Value.Secret);
    }

    /// <summary>
    /// Creates a RAM user of the bootstrap account with an AccessKey and attached policies, written to the store
    /// directly, and returns a client signed with the user's key. A policy is a system policy name or a custom
    /// policy document.
    /// </summary>
    public async Task<SignedClient> RamUserClientAsync(string userName, params string[] policies)
    {
        var (store, protector) = await EcsLocalHost.OpenStoreAsync(Options, CancellationToken.None, mustExist: true);
        var accessKeyId = $"LTAIuser{userName}";
        var secret = $"secret-of-{userName}";
        var now = TimeProvider.System.GetUtcNow();
        await store.WriteAsync(async session =>
        {
            await session.InsertUserAsync(new RamUser(AccountId, userName, "2000000000000001", userName, "", now, now));
            await session.InsertAccessKeyAsync(new AccessKey(accessKeyId, AccountId, AccessKeyStatus.Active, now, protector.Protect(secret, accessKeyId), userName));
            foreach (var (policy, index) in policies.Select((policy, index) => (policy, index)))
            {
                var type = policy.StartsWith('{') ? PolicyTypes.Custom : PolicyTypes.System;
                var name = type == PolicyTypes.Custom ? $"{userName}-policy-{index}" : policy;
                if (type == PolicyTypes.Custom)
                {
                    await session.InsertCustomPolicyAsync(new CustomPolicy(AccountId, name, "", policy, now, now));
                }

                await session.InsertPolicyAttachmentAsync(new PolicyAttachment(AccountId, userName, type, name, now.AddSeconds(index)));
            }

            return Domain.Result<bool>.Success(true);
        }, CancellationToken.None);
        return Client(accessKeyId, secret);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
        Log.KeepForAudit();
    }
}

/// <summary>Collects every log message the server writes, for checks on what is and is not logged.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>
    /// Writes the lines to a new file in ECSLOCAL_TEST_LOG_DIR, when it is set, for the log audit that checks after
    /// the whole test run that no line carries a secret.
    /// </summary>
    public void KeepForAudit()
    {
        if (Environment.GetEnvironmentVariable("ECSLOCAL_TEST_LOG_DIR") is { Length: > 0 } directory)
        {
            File.WriteAllLines(Path.Combine(directory, $"dotnet-server-{Guid.NewGuid():N}.log"), Lines);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {exception}");
    }
}
