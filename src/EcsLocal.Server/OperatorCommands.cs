using EcsLocal.Application.Accounts;
using EcsLocal.Application.Disks;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Accounts;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Server;

/// <summary>
/// The operator CLI. It works on the same store as the server and may run while the server runs, because SQLite
/// in WAL mode lets both use the database file.
/// </summary>
internal static class OperatorCommands
{
    public const string Usage = """
        Usage: ecslocal [serve] [options]          start the server (the default command)
               ecslocal account create [--account-id ID] [--not-allow-listed] [--without-service-roles]
               ecslocal account list
               ecslocal access-key create --account ID [--access-key-id ID --access-key-secret SECRET]
               ecslocal access-key list --account ID
               ecslocal access-key enable|disable --access-key-id ID
               ecslocal feature allow|deny --account ID      allow-list an account for default encryption
               ecslocal region offer|withhold --region ID    whether a region offers default encryption
               ecslocal role list|add|remove --account ID [--role NAME]
               ecslocal snapshot share|unshare --snapshot ID --account ID   share a snapshot, as the console does
               ecslocal data-key show --resource ID        the sealed data key of a disk or snapshot, opened by its KMS key
               ecslocal docs api-compatibility              print docs/api-compatibility.md

        Every command works on the store in --data-dir (default ~/.ecslocal); the operator commands need a store
        that the server has created.

        Server options (also ECSLOCAL_* environment variables; see docs/configuration.md):
          --listen-address IP      address to listen on (default 127.0.0.1)
          --port N                 TCP port (default 8191; 0 picks a free port)
          --data-dir DIR           folder of the SQLite database and master key (default ~/.ecslocal)
          --default-region ID      region of KMS requests whose Host names none (default cn-hangzhou)
          --account-id ID          account created on first start (default: random 16 digits)
          --access-key-id ID       AccessKey created on first start, with --access-key-secret
          --access-key-secret S    the secret of that AccessKey
          --postgres CONNECTION    store in PostgreSQL instead of SQLite, shared by several nodes
          --config FILE            JSON file with an "EcsLocal" section of the same settings
        """;

    public static async Task<int> RunAsync(CommandLine command, ServerOptions options, CancellationToken cancellationToken)
    {
        if (command.Words is ["docs", "api-compatibility"])
        {
            Console.Write(CompatibilityDocument.Render(EcsLocalHost.DescribeRegistry()));
            return 0;
        }

        var (store, protector) = await EcsLocalHost.OpenStoreAsync(options, cancellationToken, mustExist: true);
        var administration = new AccountAdministration(store, protector, TimeProvider.System);
        return command.Words switch
        {
            ["account", "create"] => Report(await administration.CreateAccountAsync(
                command.Options.GetValueOrDefault("--account-id"), !command.Flags.Contains("--not-allow-listed"),
                !command.Flags.Contains("--without-service-roles"), cancellationToken),
                account => $"Created account {account.Id} (allow-listed for default encryption: {Yes(account.DefaultEncryptionAllowed)})."),
            ["account", "list"] => await ListAccountsAsync(administration, cancellationToken),
            ["access-key", "create"] => Report(await administration.CreateAccessKeyAsync(command.Require("--account"),
                OptionalPair(command, "--access-key-id", "--access-key-secret").Id, OptionalPair(command, "--access-key-id", "--access-key-secret").Secret,
                cancellationToken),
                key => $"Created AccessKey for account {key.AccountId}.\nAccessKeyId:     {key.AccessKeyId}\nAccessKeySecret: {key.Secret}\n" +
                       "The secret is shown only now; store it safely."),
            ["access-key", "list"] => await ListAccessKeysAsync(administration, command.Require("--account"), cancellationToken),
            ["access-key", "enable" or "disable"] => Report(await administration.SetAccessKeyStatusAsync(command.Require("--access-key-id"),
                command.Words[1] == "enable" ? AccessKeyStatus.Active : AccessKeyStatus.Inactive, cancellationToken),
                _ => $"AccessKey {command.Options["--access-key-id"]} is now {(command.Words[1] == "enable" ? "Active" : "Inactive")}."),
            ["feature", "allow" or "deny"] => Report(await administration.SetAllowListedAsync(command.Require("--account"),
                command.Words[1] == "allow", cancellationToken),
                _ => $"Account {command.Options["--account"]} allow-listed for default encryption: {Yes(command.Words[1] == "allow")}."),
            ["region", "offer" or "withhold"] => Report(await administration.SetRegionOffersDefaultEncryptionAsync(command.Require("--region"),
                command.Words[1] == "offer", cancellationToken),
                _ => $"Region {command.Options["--region"]} offers default encryption: {Yes(command.Words[1] == "offer")}."),
            ["snapshot", "share" or "unshare"] => Report(await SnapshotAccess.SetShareAsync(store, command.Require("--snapshot"),
                command.Require("--account"), command.Words[1] == "share", DateTimeOffset.UtcNow, cancellationToken),
                _ => $"Snapshot {command.Options["--snapshot"]} shared with account {command.Options["--account"]}: {Yes(command.Words[1] == "share")}."),
            ["data-key", "show"] => await ShowDataKeyAsync(new DataKeyEnvelope(protector, TimeProvider.System), store,
                command.Require("--resource"), cancellationToken),
            ["role", "list"] => await ListRolesAsync(administration, command.Require("--account"), cancellationToken),
            ["role", "add" or "remove"] => Report(await administration.SetRoleAsync(command.Require("--account"), command.Require("--role"),
                command.Words[1] == "add", cancellationToken),
                _ => $"Account {command.Options["--account"]} has role {command.Options["--role"]}: {Yes(command.Words[1] == "add")}."),
            _ => throw new StartupException($"Unknown command '{string.Join(' ', command.Words)}'; run 'ecslocal --help' for usage."),
        };
    }

    private static async Task<int> ListAccountsAsync(AccountAdministration administration, CancellationToken cancellationToken)
    {
        Console.WriteLine("ACCOUNT           ALLOW-LISTED  CREATED");
        foreach (var account in await administration.ListAccountsAsync(cancellationToken))
        {
            Console.WriteLine($"{account.Id}  {Yes(account.DefaultEncryptionAllowed),-12}  {account.CreatedAt:u}");
        }

        return 0;
    }

    private static async Task<int> ListAccessKeysAsync(AccountAdministration administration, string accountId, CancellationToken cancellationToken)
    {
        Console.WriteLine("ACCESS KEY ID                 STATUS    CREATED");
        foreach (var key in await administration.ListAccessKeysAsync(accountId, cancellationToken))
        {
            Console.WriteLine($"{key.Id,-28}  {key.Status,-8}  {key.CreatedAt:u}");
        }

        return 0;
    }

    private static async Task<int> ListRolesAsync(AccountAdministration administration, string accountId, CancellationToken cancellationToken)
    {
        foreach (var role in await administration.ListRolesAsync(accountId, cancellationToken))
        {
            Console.WriteLine(role);
        }

        return 0;
    }

    /// <summary>
    /// Prints where a resource's data key is sealed and the SHA-256 of the data key, never the key itself. Exits with 2
    /// when the KMS key cannot open it, for example because the key is disabled.
    /// </summary>
    private static async Task<int> ShowDataKeyAsync(DataKeyEnvelope envelope, IStore store, string resourceId, CancellationToken cancellationToken)
    {
        var found = await envelope.InspectAsync(store, resourceId, cancellationToken);
        if (!found.IsSuccess)
        {
            return Report(found, _ => "");
        }

        var report = found.Value;
        Console.WriteLine($"""
            Resource:            {report.ResourceId}
            Account:             {report.AccountId}
            Region:              {report.RegionId}
            KMS key:             {report.KeyId}
            KMS key version:     {report.KeyVersionId}
            Sealed data key:     {report.WrappedDataKey}
            Encryption context:  {DataKeyEnvelope.EncryptionContextJson}
            """);
        if (report.UnsealError is { } error)
        {
            Console.Error.WriteLine($"error: the KMS key cannot open the data key: {error.Code}: {error.Message}");
            return 2;
        }

        Console.WriteLine($"Data key SHA-256:    {report.DataKeySha256}");
        return 0;
    }

    /// <summary>Reads two options that go together; setting only one of them is a usage error.</summary>
    private static (string? Id, string? Secret) OptionalPair(CommandLine command, string idOption, string secretOption)
    {
        var id = command.Options.GetValueOrDefault(idOption);
        var secret = command.Options.GetValueOrDefault(secretOption);
        return (id is null) == (secret is null)
            ? (id, secret)
            : throw new StartupException($"Set both {idOption} and {secretOption}, or neither to generate a pair.");
    }

    private static int Report<T>(Result<T> result, Func<T, string> describe)
    {
        if (!result.IsSuccess)
        {
            Console.Error.WriteLine($"error: {result.Error.Message}");
            return 2;
        }

        Console.WriteLine(describe(result.Value));
        return 0;
    }

    private static string Yes(bool value) => value ? "yes" : "no";
}
