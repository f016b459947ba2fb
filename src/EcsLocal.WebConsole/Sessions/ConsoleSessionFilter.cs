using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace EcsLocal.WebConsole.Sessions;

/// <summary>Marks the console pages that need no session, such as the sign-in page.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowWithoutSessionAttribute : Attribute;

/// <summary>
/// Finds the session of every console page request from its cookie and sends requests without a live session to
/// the sign-in page, before any page handler runs.
/// </summary>
internal sealed class ConsoleSessionFilter : IAsyncPageFilter
{
    public const string CookieName = "ecslocal-console-session";
    public const string SessionItem = "EcsLocal.WebConsole.Session";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var sessions = http.RequestServices.GetRequiredService<ConsoleSessions>();
        var session = sessions.Find(http.Request.Cookies[CookieName]);
        if (session is not null)
        {
            http.Items[SessionItem] = session;
        }
        else if (context.HandlerInstance.GetType().GetCustomAttributes(typeof(AllowWithoutSessionAttribute), true).Length == 0)
        {
            http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = ConsoleSetup.BasePath });
            context.Result = new RedirectResult($"{ConsoleSetup.BasePath}/signin");
            return;
        }

        await next();
    }

    /// <summary>Sets the session cookie: script cannot read it and other sites' pages never send it.</summary>
    public static void WriteCookie(HttpResponse response, string token) =>
        response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = ConsoleSetup.BasePath,
            IsEssential = true,
        });
}
