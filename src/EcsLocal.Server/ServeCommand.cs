using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EcsLocal.Server;

/// <summary>Starts the server, prints the endpoint, data directory and credentials, and runs until stopped.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(ServerOptions options)
    {
        var (store, protector) = await EcsLocalHost.OpenStoreAsync(options, CancellationToken.None);
        var credentials = await Bootstrap.EnsureAsync(options, store, protector, TimeProvider.System, CancellationToken.None);
        await using var app = EcsLocalHost.Build(options, store, protector);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"EcsLocal listening on {address}");
        Console.WriteLine($"Data directory: {options.DataDirectory}");
        Console.WriteLine(DescribeCredentials(credentials));
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static string DescribeCredentials(BootstrapCredentials? credentials) => credentials switch
    {
        null => "No AccessKey exists; create one with 'ecslocal access-key create --account ID'.",
        { Secret: { } secret } => $"""
            Account: {credentials.AccountId}
            AccessKeyId:     {credentials.AccessKeyId}
            AccessKeySecret: {secret}
            The secret is shown only now and is stored encrypted; keep it.
            """,
        { Configured: true } => $"Account: {credentials.AccountId}\nAccessKeyId: {credentials.AccessKeyId} (secret as configured)",
        _ => $"""
            Account: {credentials.AccountId}
            AccessKeyId: {credentials.AccessKeyId} (its secret was shown when it was created; the operator command
            'access-key create --account {credentials.AccountId}' issues a new pair, see docs/configuration.md)
            """,
    };
}
