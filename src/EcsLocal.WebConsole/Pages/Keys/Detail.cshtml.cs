using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;
using Microsoft.AspNetCore.Mvc;

namespace EcsLocal.WebConsole.Pages.Keys;

/// <summary>
/// One KMS key with its aliases and the lifecycle actions its state allows: EnableKey, DisableKey,
/// ScheduleKeyDeletion, CancelKeyDeletion, CreateAlias and DeleteAlias. Each action passes the form's values to the
/// API unchanged, so the API checks them, such as the pending window of 7 to 366 days.
/// </summary>
public sealed class KeyDetailModel(ConsoleActions actions, KeyQueries keyQueries, ConsoleQueries queries, ConsoleOptions options) : ConsolePageModel
{
    public const int DefaultPendingWindowDays = 30;

    private static readonly Dictionary<string, string> s_doneMessages = new(StringComparer.Ordinal)
    {
        ["created"] = "Created the key.",
        ["enabled"] = "The key is enabled.",
        ["disabled"] = "The key is disabled. Nothing can be encrypted or decrypted with it until it is enabled again.",
        ["scheduled"] = "The key is pending deletion. Cancel the deletion before the date below to keep it.",
        ["cancelled"] = "The deletion is cancelled and the key is enabled.",
        ["alias-created"] = "Created the alias.",
        ["alias-deleted"] = "Deleted the alias.",
    };

    [FromRoute]
    public string KeyId { get; set; } = "";

    public string RegionId { get; private set; } = "";

    public KeyDetails? Key { get; private set; }

    public IReadOnlyList<string> Aliases { get; private set; } = [];

    public string? Notice { get; private set; }

    public string PendingWindow { get; private set; } = DefaultPendingWindowDays.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string AliasName { get; private set; } = "";

    public ConsoleError? Error { get; private set; }

    public bool CanEnable => Key is { IsServiceKey: false, State: nameof(KeyState.Disabled) };

    public bool CanDisable => Key is { IsServiceKey: false, State: nameof(KeyState.Enabled) };

    public bool CanScheduleDeletion => Key is { IsServiceKey: false } && Key.State != nameof(KeyState.PendingDeletion);

    public bool CanCancelDeletion => Key is { IsServiceKey: false, State: nameof(KeyState.PendingDeletion) };

    public bool CanChangeAliases => Key is { IsServiceKey: false } && Key.State != nameof(KeyState.PendingDeletion);

    public async Task OnGetAsync(string? region, string? done, CancellationToken cancellationToken)
    {
        RegionId = RegionCatalog.Exists(region) ? region! : options.DefaultRegionId;
        Notice = done is null ? null : s_doneMessages.GetValueOrDefault(done);
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        RunAsync("EnableKey", [("KeyId", KeyId)], "enabled", cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        RunAsync("DisableKey", [("KeyId", KeyId)], "disabled", cancellationToken);

    public Task<IActionResult> OnPostScheduleDeletionAsync(CancellationToken cancellationToken)
    {
        PendingWindow = Request.Form["PendingWindowInDays"].ToString().Trim();
        return RunAsync("ScheduleKeyDeletion", [("KeyId", KeyId), ("PendingWindowInDays", PendingWindow)], "scheduled", cancellationToken);
    }

    public Task<IActionResult> OnPostCancelDeletionAsync(CancellationToken cancellationToken) =>
        RunAsync("CancelKeyDeletion", [("KeyId", KeyId)], "cancelled", cancellationToken);

    public Task<IActionResult> OnPostCreateAliasAsync(CancellationToken cancellationToken)
    {
        AliasName = Request.Form["AliasName"].ToString().Trim();
        return RunAsync("CreateAlias", [("AliasName", AliasName), ("KeyId", KeyId)], "alias-created", cancellationToken);
    }

    public Task<IActionResult> OnPostDeleteAliasAsync(CancellationToken cancellationToken) =>
        RunAsync("DeleteAlias", [("AliasName", Request.Form["AliasName"].ToString())], "alias-deleted", cancellationToken);

    /// <summary>Runs a KMS action on this key, then shows the key again with a notice or with the API's error.</summary>
    private async Task<IActionResult> RunAsync(
        string action, (string Name, string? Value)[] parameters, string done, CancellationToken cancellationToken)
    {
        var regionId = Request.Form["RegionId"].ToString();
        RegionId = RegionCatalog.Exists(regionId) ? regionId : options.DefaultRegionId;
        var outcome = await actions.KmsAsync(Caller, RegionId, action, parameters, SourceIp, cancellationToken);
        if (outcome.IsSuccess)
        {
            return Redirect($"{KeysModel.DetailUrl(RegionId, KeyId)}&done={done}");
        }

        await LoadAsync(cancellationToken);
        Error = FriendlyErrors.Describe(outcome.Error!, outcome.RequestId);
        Response.StatusCode = Error.HttpStatus;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (key, error) = await keyQueries.DescribeAsync(Caller, RegionId, KeyId, SourceIp, cancellationToken);
        if (error is not null)
        {
            Error = error;
            Response.StatusCode = error.HttpStatus;
            return;
        }

        Key = key;
        var aliases = await queries.AliasesAsync(Caller, RegionId, SourceIp, cancellationToken);
        Aliases = aliases.GetValueOrDefault(key!.KeyId) ?? [];
    }
}
