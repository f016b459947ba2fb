using System.Reflection;
using EcsLocal.Application.Accounts;
using EcsLocal.WebConsole.Actions;
using EcsLocal.WebConsole.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcsLocal.WebConsole;

/// <summary>Adds the web console, served under <see cref="BasePath"/> by the same server as the API.</summary>
public static class ConsoleSetup
{
    public const string BasePath = "/console";

    public static IServiceCollection AddWebConsole(this IServiceCollection services, ConsoleOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<ConsoleSignIn>();
        services.AddSingleton<ConsoleActions>();
        services.AddSingleton<ConsoleQueries>();
        services.AddSingleton<KeyReasonQueries>();
        services.AddSingleton<KeyQueries>();
        services.AddSingleton<AccountAdministration>();
        // The pages live in this assembly, which is not the entry assembly (the server, or a test host), so it is
        // added as an application part explicitly.
        services.AddRazorPages(pages => pages.Conventions.ConfigureFilter(new ConsoleSessionFilter()))
            .AddApplicationPart(typeof(ConsoleSetup).Assembly);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "ecslocal-console-antiforgery";
            antiforgery.Cookie.Path = BasePath;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });

        // Sessions live in memory, so the keys that protect antiforgery tokens need not outlive the process either.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return services;
    }

    /// <summary>
    /// Routes <see cref="BasePath"/> to the console pages. Requests on any other path pass on to the middleware after
    /// this, which is the RPC endpoint.
    /// </summary>
    public static WebApplication UseWebConsole(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ConsoleOptions>().OperatorMode)
        {
            ConsoleLog.OperatorModeOn(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleSetup)));
        }

        app.UseWhen(http => http.Request.Path.StartsWithSegments(BasePath), console => console.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            await next(http);
        }));
        app.UseRouting();
        app.MapGet($"{BasePath}/console.css", WriteStyleSheetAsync);
        app.MapRazorPages();
        app.UseEndpoints(_ => { });
        return app;
    }

    private static async Task WriteStyleSheetAsync(HttpContext http)
    {
        await using var css = Assembly.GetExecutingAssembly().GetManifestResourceStream("console.css")!;
        http.Response.ContentType = "text/css; charset=utf-8";
        await css.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
