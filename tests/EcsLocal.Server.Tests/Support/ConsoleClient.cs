using System.Net;
using System.Text.RegularExpressions;

namespace EcsLocal.Server.Tests.Support;

/// <summary>
/// A browser stand-in for the web console: keeps cookies, follows no redirects, and posts forms with the antiforgery
/// token of the page they come from.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public bool HasSessionCookie => Cookies.GetAllCookies().Any(cookie => cookie.Name == "ecslocal-console-session" && cookie.Value.Length > 0);

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Loads the page at <paramref name="formPage"/>, then posts the fields and its antiforgery token to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var page = await (await _http.GetAsync(formPage)).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{formPage} has no antiforgery token");
        var content = fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value))
            .Append(new("__RequestVerificationToken", token.Groups[1].Value));
        return await _http.PostAsync(action, new FormUrlEncodedContent(content));
    }

    public Task<HttpResponseMessage> SignInAsync(string accessKeyId, string secret) =>
        PostFormAsync("/console/signin", "/console/signin", ("AccessKeyId", accessKeyId), ("AccessKeySecret", secret));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
