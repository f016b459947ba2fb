using Microsoft.Extensions.Configuration;

namespace EcsLocal.Server;

/// <summary>
/// Every setting of the server and the CLI with its default. Sources, lowest precedence first: these defaults,
/// the JSON file given by <c>--config</c> (section <c>EcsLocal</c>), <c>ECSLOCAL_*</c> environment variables,
/// command-line options.
/// </summary>
public sealed class ServerOptions
{
    public const int DefaultPort = 8191;

    /// <summary>The address the server listens on; loopback by default.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one and prints it.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>The folder with the SQLite database and the master key file.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ecslocal");

    /// <summary>The region of KMS requests whose Host header names none.</summary>
    public string DefaultRegion { get; set; } = "cn-hangzhou";

    /// <summary>The id of the account created on first start; random when not set.</summary>
    public string? AccountId { get; set; }

    /// <summary>An AccessKey pair to create on first start instead of a generated one.</summary>
    public string? AccessKeyId { get; set; }

    public string? AccessKeySecret { get; set; }

    /// <summary>The master key as 32 bytes in Base64; when not set, the key file in the data directory is used.</summary>
    public string? MasterKey { get; set; }

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a client may take to send its request headers, in seconds. After that time, a request body that arrives
    /// slower than 240 bytes per second also ends the request with HTTP 408.
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a new disk stays in Creating before it is Available, in milliseconds.</summary>
    public int DiskReadyMilliseconds { get; set; } = 1000;

    /// <summary>How long a new snapshot or copy stays progressing before it is accomplished, in milliseconds.</summary>
    public int SnapshotReadyMilliseconds { get; set; } = 2000;

    /// <summary>How long a web console session lasts without a request, in minutes.</summary>
    public int ConsoleSessionMinutes { get; set; } = 30;

    /// <summary>Whether the web console's allow-list page lets account AccessKeys allow or deny every account.</summary>
    public bool ConsoleOperator { get; set; }

    /// <summary>
    /// A PostgreSQL connection string; when set, the store is that database instead of SQLite in the data directory,
    /// and several server nodes may share it. The master key must then be the same on every node (MasterKey).
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The lowest level of log events written; Warning hides the per-request lines.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    public string DatabasePath => Path.Combine(DataDirectory, "ecslocal.db");

    private static readonly Dictionary<string, string> s_environmentNames = new()
    {
        ["ECSLOCAL_LISTEN_ADDRESS"] = nameof(ListenAddress),
        ["ECSLOCAL_PORT"] = nameof(Port),
        ["ECSLOCAL_DATA_DIR"] = nameof(DataDirectory),
        ["ECSLOCAL_DEFAULT_REGION"] = nameof(DefaultRegion),
        ["ECSLOCAL_ACCOUNT_ID"] = nameof(AccountId),
        ["ECSLOCAL_ACCESS_KEY_ID"] = nameof(AccessKeyId),
        ["ECSLOCAL_ACCESS_KEY_SECRET"] = nameof(AccessKeySecret),
        ["ECSLOCAL_MASTER_KEY"] = nameof(MasterKey),
        ["ECSLOCAL_MAX_REQUEST_BODY_BYTES"] = nameof(MaxRequestBodyBytes),
        ["ECSLOCAL_REQUEST_TIMEOUT_SECONDS"] = nameof(RequestTimeoutSeconds),
        ["ECSLOCAL_DISK_READY_MS"] = nameof(DiskReadyMilliseconds),
        ["ECSLOCAL_SNAPSHOT_READY_MS"] = nameof(SnapshotReadyMilliseconds),
        ["ECSLOCAL_LOG_LEVEL"] = nameof(LogLevel),
        ["ECSLOCAL_POSTGRES"] = nameof(PostgresConnectionString),
        ["ECSLOCAL_CONSOLE_SESSION_MINUTES"] = nameof(ConsoleSessionMinutes),
        ["ECSLOCAL_CONSOLE_OPERATOR"] = nameof(ConsoleOperator),
    };

    private static readonly Dictionary<string, string> s_optionNames = new()
    {
        ["--listen-address"] = nameof(ListenAddress),
        ["--port"] = nameof(Port),
        ["--data-dir"] = nameof(DataDirectory),
        ["--default-region"] = nameof(DefaultRegion),
        ["--account-id"] = nameof(AccountId),
        ["--access-key-id"] = nameof(AccessKeyId),
        ["--access-key-secret"] = nameof(AccessKeySecret),
        ["--postgres"] = nameof(PostgresConnectionString),
    };

    /// <summary>The command-line options that set server settings, for the help text.</summary>
    public static IEnumerable<string> OptionNames => s_optionNames.Keys.Append("--config");

    /// <summary>Loads the settings; <paramref name="options"/> are the <c>--name value</c> pairs of the command line.</summary>
    public static ServerOptions Load(IReadOnlyDictionary<string, string> options, IReadOnlyDictionary<string, string?> environment)
    {
        var builder = new ConfigurationBuilder();
        if (options.TryGetValue("--config", out var configFile))
        {
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        builder.AddInMemoryCollection(s_environmentNames
            .Where(pair => !string.IsNullOrEmpty(environment.GetValueOrDefault(pair.Key)))
            .Select(pair => new KeyValuePair<string, string?>($"EcsLocal:{pair.Value}", environment[pair.Key])));
        builder.AddInMemoryCollection(s_optionNames
            .Where(pair => options.ContainsKey(pair.Key))
            .Select(pair => new KeyValuePair<string, string?>($"EcsLocal:{pair.Value}", options[pair.Key])));
        var loaded = new ServerOptions();
        try
        {
            builder.Build().GetSection("EcsLocal").Bind(loaded);
        }
        catch (InvalidOperationException exception)
        {
            throw new StartupException($"{exception.Message} {SourcesOf(exception.Message)}");
        }

        loaded.DataDirectory = Path.GetFullPath(loaded.DataDirectory);
        return loaded;
    }

    /// <summary>
    /// Names where a setting that failed to convert can come from, read from the binder's message such as
    /// <c>... at 'EcsLocal:Port' to type 'System.Int32'.</c>
    /// </summary>
    private static string SourcesOf(string bindingMessage)
    {
        var match = System.Text.RegularExpressions.Regex.Match(bindingMessage, "'EcsLocal:(\\w+)'");
        if (!match.Success)
        {
            return "See docs/configuration.md for the settings and their values.";
        }

        var setting = match.Groups[1].Value;
        var sources = s_environmentNames.Where(pair => pair.Value == setting).Select(pair => pair.Key)
            .Concat(s_optionNames.Where(pair => pair.Value == setting).Select(pair => pair.Key))
            .Append($"\"{setting}\" in the --config file");
        return $"Check {string.Join(", ", sources)}; docs/configuration.md lists the values each setting takes.";
    }
}
