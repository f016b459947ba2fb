using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EcsLocal.Application.Accounts;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Storage.Sqlite;

namespace EcsLocal.Benchmarks;

/// <summary>
/// A bounded load run against a real server process on 127.0.0.1: CreateDisk throughput, and DescribeDisks pages of
/// 100 from an account with few disks and from one with many. Every phase stops after a fixed time.
/// </summary>
internal static class LoadRun
{
    private const string Region = "cn-hangzhou";
    private const string Zone = "cn-hangzhou-i";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var concurrency = Option(args, "--concurrency", 16);
        var largeCount = Option(args, "--large-disks", 1_000_000);
        var smallCount = Option(args, "--small-disks", 1_000);
        var nodes = Option(args, "--nodes", 1);
        var postgresIndex = Array.IndexOf(args, "--postgres");
        var postgres = postgresIndex >= 0 && postgresIndex + 1 < args.Length ? args[postgresIndex + 1] : null;
        var serverDll = FindServerDll();
        var dataDirectory = Directory.CreateTempSubdirectory("ecslocal-load-").FullName;
        var masterKey = RandomNumberGenerator.GetBytes(SecretProtector.MasterKeyLength);
        try
        {
            var seed = Stopwatch.StartNew();
            IStore store = postgres is null ? new SqliteStore(Path.Combine(dataDirectory, "ecslocal.db")) : new EcsLocal.Storage.Postgres.PostgresStore(postgres);
            await SeedAsync(store, masterKey, smallCount, largeCount);
            Console.WriteLine($"Seeded {smallCount} and {largeCount} disks in {seed.Elapsed.TotalSeconds:F1} s ({(postgres is null ? "SQLite" : "PostgreSQL")}, {nodes} node(s))");
            var servers = new List<ServerProcess>();
            for (var node = 0; node < nodes; node++)
            {
                // SQLite lives in the data directory, so only a PostgreSQL store can have several nodes.
                var nodeDirectory = postgres is null ? dataDirectory : Path.Combine(dataDirectory, $"node{node}");
                servers.Add(await ServerProcess.StartAsync(serverDll, nodeDirectory, masterKey, postgres));
            }

            using var stopServers = new ServerGroup(servers);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
            var create = new RoundRobinSigner(servers.Select(server => new RequestSigner(server.BaseAddress, "bench-create", "bench-secret")));
            var small = new RoundRobinSigner(servers.Select(server => new RequestSigner(server.BaseAddress, "bench-small", "bench-secret")));
            var large = new RoundRobinSigner(servers.Select(server => new RequestSigner(server.BaseAddress, "bench-large", "bench-secret")));

            Report("DescribeRegions (signature, nonce and routing only)", await MeasureAsync(http, concurrency, seconds,
                () => small.Build("DescribeRegions", [])));
            Report("CreateDisk (40 GiB cloud_essd)", await MeasureAsync(http, concurrency, seconds, () => create.Build("CreateDisk", CreateDiskParameters())));
            Report($"DescribeDisks page 1 of 10, {smallCount} disks", await MeasureAsync(http, concurrency, seconds,
                () => small.Build("DescribeDisks", [new("RegionId", Region), new("PageSize", "10")])));
            Report($"DescribeDisks page 1 of 100, {smallCount} disks", await MeasureAsync(http, concurrency, seconds, () => small.Build("DescribeDisks", PageParameters())));
            Report($"DescribeDisks page 1 of 100, {largeCount} disks", await MeasureAsync(http, concurrency, seconds, () => large.Build("DescribeDisks", PageParameters())));
            Report($"DescribeDisks MaxResults 100, {largeCount} disks", await MeasureAsync(http, concurrency, seconds,
                () => large.Build("DescribeDisks", [new("RegionId", Region), new("MaxResults", "100")])));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static KeyValuePair<string, string>[] CreateDiskParameters() =>
        [new("RegionId", Region), new("ZoneId", Zone), new("DiskCategory", "cloud_essd"), new("Size", "40")];

    private static KeyValuePair<string, string>[] PageParameters() =>
        [new("RegionId", Region), new("PageNumber", "1"), new("PageSize", "100")];

    private sealed record Measurement(int Succeeded, int Failed, double Seconds, double P50Ms, double P99Ms, string? FirstError);

    /// <summary>Sends requests from <paramref name="concurrency"/> workers until <paramref name="seconds"/> have passed.</summary>
    private static async Task<Measurement> MeasureAsync(HttpClient http, int concurrency, int seconds, Func<HttpRequestMessage> build)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failed = 0;
        string? firstError = null;
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stopwatch.Elapsed < deadline)
            {
                var started = stopwatch.Elapsed;
                using var request = build();
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    // The body is drained, not decoded, so the generator spends as little of the shared CPU as it can.
                    await response.Content.CopyToAsync(Stream.Null);
                    latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, await response.Content.ReadAsStringAsync(), null);
                }
            }
        });
        await Task.WhenAll(workers);
        var sorted = latencies.Order().ToArray();
        return new Measurement(sorted.Length, failed, stopwatch.Elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), firstError);
    }

    private static void Report(string name, Measurement measurement)
    {
        var rate = measurement.Succeeded / measurement.Seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {rate:F0} per second | p50 {measurement.P50Ms:F1} ms | p99 {measurement.P99Ms:F1} ms | {measurement.Succeeded} ok, {measurement.Failed} failed |"));
        if (measurement.FirstError is not null)
        {
            Console.WriteLine($"First error: {measurement.FirstError}");
        }
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * fraction))];

    /// <summary>Creates the three accounts and stores the disks of the two Describe accounts directly, in batches.</summary>
    private static async Task SeedAsync(IStore store, byte[] masterKey, int smallCount, int largeCount)
    {
        await store.InitializeAsync(CancellationToken.None);
        var administration = new AccountAdministration(store, new SecretProtector(masterKey), TimeProvider.System);
        foreach (var (accountId, keyId) in new[] { ("1700000000000001", "bench-create"), ("1700000000000002", "bench-small"), ("1700000000000003", "bench-large") })
        {
            await administration.CreateAccountAsync(accountId, true, true, CancellationToken.None);
            await administration.CreateAccessKeyAsync(accountId, keyId, "bench-secret", CancellationToken.None);
        }

        await InsertDisksAsync(store, "1700000000000002", smallCount);
        await InsertDisksAsync(store, "1700000000000003", largeCount);
    }

    private static async Task InsertDisksAsync(IStore store, string accountId, int count)
    {
        const int BatchSize = 20_000;
        var created = DateTimeOffset.UtcNow.AddDays(-1);
        for (var start = 0; start < count; start += BatchSize)
        {
            var end = Math.Min(count, start + BatchSize);
            await store.WriteAsync(async session =>
            {
                for (var i = start; i < end; i++)
                {
                    await session.InsertDiskAsync(new Disk($"d-bp{accountId[^4..]}{i:D14}", accountId, Region, Zone, "cloud_essd", "PL1", 40, "", "",
                        DiskStatuses.Available, created.AddMilliseconds(i), created, false, null, null, null, DiskTypes.Data, null, false, []));
                }

                return Result<Unit>.Success(Unit.Value);
            }, CancellationToken.None);
        }
    }

    /// <summary>Spreads requests over the nodes in turn.</summary>
    private sealed class RoundRobinSigner(IEnumerable<RequestSigner> signers)
    {
        private readonly RequestSigner[] _signers = [.. signers];
        private int _next;

        public HttpRequestMessage Build(string action, IReadOnlyList<KeyValuePair<string, string>> parameters) =>
            _signers[(int)((uint)Interlocked.Increment(ref _next) % _signers.Length)].Build(action, parameters);
    }

    private sealed class ServerGroup(List<ServerProcess> servers) : IDisposable
    {
        public void Dispose() => servers.ForEach(server => server.Dispose());
    }

    private static string FindServerDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EcsLocal.sln")))
        {
            directory = directory.Parent;
        }

        var dll = directory is null ? null : Path.Combine(directory.FullName, "src", "EcsLocal.Server", "bin", "Release", "net10.0", "ecslocal.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException("Build the server first: dotnet build src/EcsLocal.Server -c Release");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
