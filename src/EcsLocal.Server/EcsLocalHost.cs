using System.Net;
using EcsLocal.Application.Accounts;
using EcsLocal.Application.Disks;
using EcsLocal.Application.Encryption;
using EcsLocal.Application.Handlers;
using EcsLocal.Application.Kms;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Protocol.Pipeline;
using EcsLocal.Protocol.Routing;
using EcsLocal.Protocol.Signatures;
using EcsLocal.Storage.Sqlite;
using EcsLocal.WebConsole;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EcsLocal.Server;

/// <summary>Composes the store, the application services and the RPC endpoint into one web application.</summary>
public static class EcsLocalHost
{
    /// <summary>
    /// Opens the store in the data directory and migrates the schema. The server creates a missing directory (owner
    /// only); the operator commands pass <paramref name="mustExist"/> so that a mistyped directory is an error rather
    /// than a new, empty store.
    /// </summary>
    public static async Task<(IStore Store, SecretProtector Protector)> OpenStoreAsync(
        ServerOptions options, CancellationToken cancellationToken, bool mustExist = false)
    {
        if (mustExist && options.PostgresConnectionString is null && !File.Exists(options.DatabasePath))
        {
            throw new StartupException(
                $"No EcsLocal store in {options.DataDirectory}. Start the server once to create it, or pass --data-dir with the server's data directory.");
        }

        if (!Directory.Exists(options.DataDirectory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(options.DataDirectory);
            }
            else
            {
                Directory.CreateDirectory(options.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var protector = new SecretProtector(MasterKeyFile.LoadOrCreate(options));
        IStore store = options.PostgresConnectionString is { Length: > 0 } connectionString
            ? new EcsLocal.Storage.Postgres.PostgresStore(connectionString, StoreLog.RetryLogger(options))
            : new SqliteStore(options.DatabasePath);
        await store.InitializeAsync(cancellationToken);
        return (store, protector);
    }

    /// <summary>
    /// Builds the web application. Tests replace the clock with <paramref name="time"/> and read the log through
    /// <paramref name="logCapture"/>.
    /// </summary>
    public static WebApplication Build(
        ServerOptions options, IStore store, SecretProtector protector, TimeProvider? time = null, ILoggerProvider? logCapture = null)
    {
        var endpointOptions = new RpcEndpointOptions
        {
            DefaultRegionId = options.DefaultRegion,
            MaxBodyBytes = options.MaxRequestBodyBytes,
        };

        var builder = WebApplication.CreateSlimBuilder();
        if (logCapture is not null)
        {
            builder.Logging.AddProvider(logCapture);
        }

        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;

            // The current SDKs put every parameter in the query string, so a large request has a long request line.
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 96 * 1024;

            // A client that stalls mid-request gets HTTP 408 and loses its connection, so it cannot hold the server.
            var requestTimeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
            kestrel.Limits.RequestHeadersTimeout = requestTimeout;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(endpointOptions.MinBodyBytesPerSecond, requestTimeout);
            kestrel.AddServerHeader = false;
        });

        var services = builder.Services;
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(store);
        services.AddSingleton(protector);
        services.AddSingleton(endpointOptions);
        services.AddSingleton<IAccessKeyDirectory, StoreAccessKeyDirectory>();
        services.AddSingleton<INonceRegistry, StoreNonceRegistry>();
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton<IRequestAuthorizer, RamAuthorizer>();
        services.AddSingleton<KmsService>();
        services.AddSingleton<DefaultEncryptionService>();
        services.AddSingleton(new ResourceTimings(
            TimeSpan.FromMilliseconds(options.DiskReadyMilliseconds), TimeSpan.FromMilliseconds(options.SnapshotReadyMilliseconds)));
        services.AddSingleton<DataKeyEnvelope>();
        services.AddSingleton<DiskService>();
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<ImageService>();
        services.AddSingleton<InstanceService>();
        services.AddSingleton<KmsCryptoService>();
        services.AddSingleton<KeyImportService>();
        services.AddSingleton<KeyRotationService>();
        services.AddSingleton<AsymmetricKeyService>();
        services.AddSingleton<RamService>();
        services.AddSingleton(provider => HandlerCatalog.Build(
            provider.GetRequiredService<DefaultEncryptionService>(), provider.GetRequiredService<KmsService>(),
            provider.GetRequiredService<DiskService>(), provider.GetRequiredService<SnapshotService>(), provider.GetRequiredService<ImageService>(),
            provider.GetRequiredService<InstanceService>(), provider.GetRequiredService<KmsCryptoService>(),
            provider.GetRequiredService<KeyImportService>(), provider.GetRequiredService<KeyRotationService>(),
            provider.GetRequiredService<AsymmetricKeyService>(), provider.GetRequiredService<RamService>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RpcEndpoint>();
        if (options.ConsoleSessionMinutes < 1)
        {
            throw new StartupException($"ConsoleSessionMinutes must be at least 1; it is {options.ConsoleSessionMinutes}.");
        }

        services.AddWebConsole(new ConsoleOptions
        {
            SessionIdleTimeout = TimeSpan.FromMinutes(options.ConsoleSessionMinutes),
            DefaultRegionId = options.DefaultRegion,
            OperatorMode = options.ConsoleOperator,
        });
        services.AddHostedService<NonceCleanup>();
        services.AddHostedService<TransitionWorker>();
        services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["application/json"];
        });

        var app = builder.Build();
        app.UseResponseCompression();
        app.UseWebConsole();
        var endpoint = app.Services.GetRequiredService<RpcEndpoint>();
        app.Run(endpoint.HandleAsync);
        return app;
    }

    /// <summary>Returns the registry as the server builds it, for documentation; its handlers are never called.</summary>
    public static ApiRegistry DescribeRegistry()
    {
        var store = new UnusedStore();
        var time = TimeProvider.System;
        var protector = new SecretProtector(new byte[SecretProtector.MasterKeyLength]);
        var envelope = new DataKeyEnvelope(protector, time);
        return HandlerCatalog.Build(new DefaultEncryptionService(store, time), new KmsService(store, time),
            new DiskService(store, time, ResourceTimings.Default, envelope), new SnapshotService(store, time, ResourceTimings.Default, envelope),
            new ImageService(store, time, ResourceTimings.Default, envelope), new InstanceService(store, time, ResourceTimings.Default, envelope),
            new KmsCryptoService(store, protector, time), new KeyImportService(store, protector, time), new KeyRotationService(store, protector, time),
            new AsymmetricKeyService(store, protector, time), new RamService(store, protector, time), time);
    }

    private sealed class UnusedStore : IStore
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Domain.Result<T>> WriteAsync<T>(Func<IStoreSession, Task<Domain.Result<T>>> work, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
