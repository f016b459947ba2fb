using EcsLocal.WebConsole.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace EcsLocal.WebConsole.Pages;

/// <summary>Ends the session on the server and removes its cookie. Only POST signs out, so a link cannot.</summary>
[AllowWithoutSession]
public sealed class SignOutModel(ConsoleSessions sessions, ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => Redirect(ConsoleSetup.BasePath);

    public IActionResult OnPost()
    {
        if (HttpContext.Items[ConsoleSessionFilter.SessionItem] is ConsoleSession session)
        {
            ConsoleLog.SignedOut(logger, session.Caller.AccountId, session.Caller.UserName ?? "-");
        }

        sessions.End(Request.Cookies[ConsoleSessionFilter.CookieName]);
        Response.Cookies.Delete(ConsoleSessionFilter.CookieName, new Microsoft.AspNetCore.Http.CookieOptions { Path = ConsoleSetup.BasePath });
        return Redirect($"{ConsoleSetup.BasePath}/signin?signedOut=true");
    }
}
