namespace EcsLocal.WebConsole;

/// <summary>Settings of the web console.</summary>
public sealed class ConsoleOptions
{
    /// <summary>How long a session lasts without a request before it ends and the user must sign in again.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The region that region-scoped pages show until the user picks another.</summary>
    public string DefaultRegionId { get; init; } = "cn-hangzhou";

    /// <summary>
    /// Whether the allow-list page lets any account's own (root) AccessKey allow or deny every account, as an operator
    /// would. Off, the page only shows the signed-in account's own status.
    /// </summary>
    public bool OperatorMode { get; init; }
}
