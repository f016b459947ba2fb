using EcsLocal.Domain.Errors;
using EcsLocal.WebConsole.Actions;
using EcsLocal.WebConsole.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace EcsLocal.WebConsole.Pages;

/// <summary>Signs in with an AccessKey pair posted from the form; the secret never appears in a URL or a log.</summary>
[AllowWithoutSession]
public sealed class SignInModel(ConsoleSignIn signIn, ConsoleSessions sessions, ILogger<SignInModel> logger) : PageModel
{
    public string AccessKeyId { get; private set; } = "";

    public ConsoleError? Error { get; private set; }

    public bool SignedOut { get; private set; }

    public void OnGet(bool signedOut = false) => SignedOut = signedOut;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        AccessKeyId = Request.Form["AccessKeyId"].ToString().Trim();
        var secret = Request.Form["AccessKeySecret"].ToString();
        var caller = await signIn.VerifyAsync(AccessKeyId, secret, cancellationToken);
        if (!caller.IsSuccess)
        {
            // An unknown id may be a secret typed into the wrong field, so only ids of existing keys are logged.
            var loggedId = caller.Error.Code == ErrorCatalog.InvalidAccessKeyIdNotFound.Code ? "(unknown)" : AccessKeyId;
            ConsoleLog.SignInRejected(logger, loggedId, caller.Error.Code);
            Error = FriendlyErrors.Describe(caller.Error);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        ConsoleLog.SignedIn(logger, caller.Value.AccessKeyId, caller.Value.AccountId, caller.Value.UserName ?? "-");
        ConsoleSessionFilter.WriteCookie(Response, sessions.Start(caller.Value));
        return Redirect(ConsoleSetup.BasePath);
    }
}
