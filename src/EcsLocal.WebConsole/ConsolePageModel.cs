using EcsLocal.Protocol.Signatures;
using EcsLocal.WebConsole.Sessions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EcsLocal.WebConsole;

/// <summary>The base of the console pages that need a signed-in user; the session filter has found the session.</summary>
public abstract class ConsolePageModel : PageModel
{
    public ConsoleSession Session => (ConsoleSession)HttpContext.Items[ConsoleSessionFilter.SessionItem]!;

    public Caller Caller => Session.Caller;

    /// <summary>The client address, for the acs:SourceIp condition of RAM policies, as API requests have it.</summary>
    public string SourceIp => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
}
