using System.Diagnostics;

namespace EcsLocal.Benchmarks;

/// <summary>An EcsLocal server process on 127.0.0.1 with a free port, stopped when disposed.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync(string serverDll, string dataDirectory, byte[] masterKey, string? postgres = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { serverDll, "--port", "0", "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ECSLOCAL_MASTER_KEY"] = Convert.ToBase64String(masterKey);
        start.Environment["ECSLOCAL_LOG_LEVEL"] = "Warning";
        start.Environment["ECSLOCAL_DISK_READY_MS"] = "1000";
        if (postgres is not null)
        {
            start.Environment["ECSLOCAL_POSTGRES"] = postgres;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            const string Prefix = "EcsLocal listening on ";
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return new ServerProcess(process, new Uri(line[Prefix.Length..]));
            }
        }

        process.Kill();
        throw new InvalidOperationException($"The server exited before listening: {await process.StandardError.ReadToEndAsync()}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
