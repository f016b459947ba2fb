using EcsLocal.Application.Accounts;
using EcsLocal.Domain.Accounts;

namespace EcsLocal.Server.Tests;

public sealed class BootstrapTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ecslocal-bootstrap-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task First_start_generates_account_and_key_once()
    {
        var options = new ServerOptions { DataDirectory = _directory };
        var (store, protector) = await EcsLocalHost.OpenStoreAsync(options, CancellationToken.None);

        var first = await Bootstrap.EnsureAsync(options, store, protector, TimeProvider.System, CancellationToken.None);
        var second = await Bootstrap.EnsureAsync(options, store, protector, TimeProvider.System, CancellationToken.None);
        var administration = new AccountAdministration(store, protector, TimeProvider.System);
        var accounts = await administration.ListAccountsAsync(CancellationToken.None);
        var roles = await administration.ListRolesAsync(first!.AccountId, CancellationToken.None);

        Assert.True(AccountIds.IsValid(first.AccountId));
        Assert.Matches("^LTAI[A-Za-z0-9]{20}$", first.AccessKeyId);
        Assert.Equal(30, first.Secret!.Length);
        Assert.Equal(first.AccessKeyId, second!.AccessKeyId);
        Assert.Null(second.Secret);
        Assert.Single(accounts);
        Assert.True(accounts[0].DefaultEncryptionAllowed);
        Assert.Equal([ServiceRoles.DiskEncryptDefault, ServiceRoles.ShareEncryptImageDefault], roles);
    }

    [Fact]
    public async Task Configured_key_with_other_secret_stops_start_up()
    {
        var options = new ServerOptions { DataDirectory = _directory, AccessKeyId = "ops", AccessKeySecret = "first", AccountId = "1200000000000001" };
        var (store, protector) = await EcsLocalHost.OpenStoreAsync(options, CancellationToken.None);
        var created = await Bootstrap.EnsureAsync(options, store, protector, TimeProvider.System, CancellationToken.None);
        options.AccessKeySecret = "second";

        var error = await Assert.ThrowsAsync<StartupException>(() => Bootstrap.EnsureAsync(options, store, protector, TimeProvider.System, CancellationToken.None));

        Assert.Equal("1200000000000001", created!.AccountId);
        Assert.True(created.Configured);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Master_key_from_setting_must_be_32_bytes()
    {
        var options = new ServerOptions { DataDirectory = _directory, MasterKey = Convert.ToBase64String(new byte[16]) };

        var error = await Assert.ThrowsAsync<StartupException>(() => EcsLocalHost.OpenStoreAsync(options, CancellationToken.None));

        Assert.Contains("is not 32 bytes in Base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_command_without_store_is_an_error()
    {
        var options = new ServerOptions { DataDirectory = Path.Combine(_directory, "missing") };

        var error = await Assert.ThrowsAsync<StartupException>(() =>
            OperatorCommands.RunAsync(CommandLine.Parse(["account", "list"]), options, CancellationToken.None));

        Assert.StartsWith($"No EcsLocal store in {options.DataDirectory}.", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.DataDirectory));
    }

    [Fact]
    public async Task Operator_access_key_needs_id_and_secret_together()
    {
        var options = new ServerOptions { DataDirectory = _directory };
        var (store, protector) = await EcsLocalHost.OpenStoreAsync(options, CancellationToken.None);
        var credentials = await Bootstrap.EnsureAsync(options, store, protector, TimeProvider.System, CancellationToken.None);

        var error = await Assert.ThrowsAsync<StartupException>(() => OperatorCommands.RunAsync(
            CommandLine.Parse(["access-key", "create", "--account", credentials!.AccountId, "--access-key-id", "only-id"]), options, CancellationToken.None));
        var exitCode = await OperatorCommands.RunAsync(
            CommandLine.Parse(["role", "add", "--account", credentials!.AccountId, "--role", "not a role"]), options, CancellationToken.None);

        Assert.Equal("Set both --access-key-id and --access-key-secret, or neither to generate a pair.", error.Message);
        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void Options_take_environment_then_command_line()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ECSLOCAL_PORT"] = "9000",
            ["ECSLOCAL_DEFAULT_REGION"] = "cn-beijing",
            ["ECSLOCAL_REQUEST_TIMEOUT_SECONDS"] = "5",
        };
        var arguments = new Dictionary<string, string> { ["--port"] = "9100", ["--data-dir"] = _directory };

        var options = ServerOptions.Load(arguments, environment);

        Assert.Equal(9100, options.Port);
        Assert.Equal("cn-beijing", options.DefaultRegion);
        Assert.Equal(_directory, options.DataDirectory);
        Assert.Equal("127.0.0.1", options.ListenAddress);
        Assert.Equal(5, options.RequestTimeoutSeconds);
    }

    [Theory]
    [InlineData("ECSLOCAL_PORT", "abc", "Check ECSLOCAL_PORT, --port, \"Port\" in the --config file")]
    [InlineData("ECSLOCAL_CONSOLE_OPERATOR", "yes", "Check ECSLOCAL_CONSOLE_OPERATOR")]
    public void Unconvertible_setting_is_a_startup_error(string variable, string value, string hint)
    {
        var environment = new Dictionary<string, string?> { [variable] = value };

        var error = Assert.Throws<StartupException>(() => ServerOptions.Load(new Dictionary<string, string>(), environment));

        Assert.Contains($"Failed to convert configuration value '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }
}
