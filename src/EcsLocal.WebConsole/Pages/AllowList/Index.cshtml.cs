using EcsLocal.Application.Accounts;
using EcsLocal.Domain.Accounts;
using EcsLocal.WebConsole.Actions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EcsLocal.WebConsole.Pages.AllowList;

/// <summary>
/// The allow-list of account-level default encryption, which the real service changes by support ticket. It is an
/// operator function, not an API action, so RAM policies do not apply. A RAM user is rejected, and the page shows an
/// account's own AccessKey the account's own status. Only while the server runs in operator mode
/// (ECSLOCAL_CONSOLE_OPERATOR=true) does it list and change every account.
/// </summary>
public sealed class AllowListModel(AccountAdministration administration, ConsoleOptions options, ILogger<AllowListModel> logger) : ConsolePageModel
{
    /// <summary>The error for a RAM user, whose permissions never cover operator functions.</summary>
    public static readonly ConsoleError RootAccountRequired = new(
        "Only the account's own AccessKey can open the allow-list, not a RAM user's. Sign in with the account's AccessKey.",
        "Console.RootAccountRequired", "The allow-list is an operator function that RAM policies cannot grant.", null, StatusCodes.Status403Forbidden);

    /// <summary>The error for a change while the server does not run in operator mode.</summary>
    public static readonly ConsoleError OperatorModeOff = new(
        "Changing the allow-list here needs the server to run in operator mode. Start it with ECSLOCAL_CONSOLE_OPERATOR=true, " +
        "or run 'ecslocal feature allow --account ID' on the server's data directory.",
        "Console.OperatorModeOff", "Operator mode is off.", null, StatusCodes.Status403Forbidden);

    public bool OperatorMode => options.OperatorMode;

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public string? Notice { get; private set; }

    public ConsoleError? Error { get; private set; }

    public async Task OnGetAsync(string? changed, bool allowed, CancellationToken cancellationToken)
    {
        if (changed is not null && AccountIds.IsValid(changed))
        {
            Notice = allowed ? $"Account {changed} is on the allow-list." : $"Account {changed} is off the allow-list.";
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>Allows or denies one account. Only an account's own AccessKey may, not a RAM user's, and only in operator mode.</summary>
    public async Task<IActionResult> OnPostAsync(string accountId, bool allowed, CancellationToken cancellationToken)
    {
        if (Caller.IsRamUser || !options.OperatorMode)
        {
            ConsoleLog.AllowListChanged(logger, Caller.AccountId, Caller.AccessKeyId, accountId, allowed,
                Caller.IsRamUser ? RootAccountRequired.Code : OperatorModeOff.Code);
            await LoadAsync(cancellationToken);
            Error = Caller.IsRamUser ? RootAccountRequired : OperatorModeOff;
            Response.StatusCode = Error.HttpStatus;
            return Page();
        }

        var result = await administration.SetAllowListedAsync(accountId, allowed, cancellationToken);
        ConsoleLog.AllowListChanged(logger, Caller.AccountId, Caller.AccessKeyId, accountId, allowed, result.IsSuccess ? "OK" : result.Error.Code);
        if (result.IsSuccess)
        {
            return Redirect($"{ConsoleSetup.BasePath}/allow-list?changed={Uri.EscapeDataString(accountId)}&allowed={(allowed ? "true" : "false")}");
        }

        await LoadAsync(cancellationToken);
        Error = FriendlyErrors.Describe(result.Error);
        Response.StatusCode = Error.HttpStatus;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Caller.IsRamUser)
        {
            Error = RootAccountRequired;
            Response.StatusCode = Error.HttpStatus;
            return;
        }

        var accounts = await administration.ListAccountsAsync(cancellationToken);
        Accounts = options.OperatorMode ? accounts : accounts.Where(account => account.Id == Caller.AccountId).ToList();
    }
}
