using System.Net;
using EcsLocal.Domain.Accounts;
using EcsLocal.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EcsLocal.Server.Tests;

/// <summary>The web console's sign-in, sessions and permission checks, over HTTP against a real server.</summary>
public sealed class ConsoleTests : IAsyncLifetime
{
    private const string Region = "cn-hangzhou";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TestServer _server = null!;
    private ConsoleClient _console = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(_time);
        _console = new ConsoleClient(_server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _console.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_with_wrong_secret_returns_401()
    {
        var response = await _console.SignInAsync(TestServer.AccessKeyId, "wrong-secret");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", page, StringComparison.Ordinal);
        Assert.False(_console.HasSessionCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await _console.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task SignIn_with_inactive_key_is_rejected()
    {
        var administration = await _server.AdministrationAsync();
        await administration.SetAccessKeyStatusAsync(TestServer.AccessKeyId, AccessKeyStatus.Inactive, CancellationToken.None);

        var response = await _console.SignInAsync(TestServer.AccessKeyId, TestServer.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("InvalidAccessKeyId.Inactive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(_console.HasSessionCookie);
    }

    [Fact]
    public async Task SignIn_without_antiforgery_token_returns_400()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var response = await http.PostAsync("/console/signin", new FormUrlEncodedContent(
            [new("AccessKeyId", TestServer.AccessKeyId), new("AccessKeySecret", TestServer.Secret)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Session_expires_after_idle_timeout()
    {
        var signedIn = await _console.SignInAsync(TestServer.AccessKeyId, TestServer.Secret);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        _time.Advance(TimeSpan.FromMinutes(29));
        var active = await _console.GetAsync("/console/disks");
        _time.Advance(TimeSpan.FromMinutes(29));
        var stillActive = await _console.GetAsync("/console/disks");
        _time.Advance(TimeSpan.FromMinutes(30));
        var expired = await _console.GetAsync("/console/disks");

        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillActive.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Equal("/console/signin", expired.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_logs_no_secret()
    {
        await _console.SignInAsync(TestServer.AccessKeyId, "wrong-secret");
        await _console.SignInAsync("secret-typed-as-id", "x");
        await _console.SignInAsync(TestServer.AccessKeyId, TestServer.Secret);
        await _console.GetAsync("/console/disks");

        var lines = _server.Log.Lines.ToList();
        Assert.Contains(lines, line => line.Contains("Console sign-in with AccessKey testid of account", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(TestServer.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("wrong-secret", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("secret-typed-as-id", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Console sign-in with AccessKey (unknown) was rejected with InvalidAccessKeyId.NotFound", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_only_RAM_user_gets_Forbidden_RAM()
    {
        await _server.RamUserClientAsync("reader", "AliyunECSReadOnlyAccess");
        var signedIn = await _console.SignInAsync("LTAIuserreader", "secret-of-reader");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var disks = await _console.GetAsync($"/console/disks?region={Region}");
        var settings = await _console.GetAsync("/console/encryption");
        var created = await _console.PostFormAsync($"/console/disks/create?region={Region}", "/console/disks/create",
            ("RegionId", Region), ("ZoneId", $"{Region}-b"), ("DiskCategory", "cloud_essd"), ("Size", "20"));
        var added = await _console.PostFormAsync($"/console/encryption/add?region={Region}", "/console/encryption/add",
            ("region", Region), ($"key-{Region}", "service-key"));

        Assert.Equal(HttpStatusCode.OK, disks.StatusCode);
        Assert.Contains("reader (RAM user of 1500000000000001)", await disks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Contains("<code data-testid=\"error-code\">Forbidden.RAM</code>", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Contains("<code data-testid=\"error-code\">Forbidden.RAM</code>", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var account = _server.Client();
        Assert.Equal(0, (await account.EcsAsync("DescribeDisks", ("RegionId", Region))).Body.GetProperty("TotalCount").GetInt32());
        Assert.False((await account.EcsAsync("DescribeDiskEncryptionByDefaultStatus", ("RegionId", Region))).Body.GetProperty("Encrypted").GetBoolean());
    }

    [Fact]
    public async Task Rpc_endpoint_still_serves_other_paths()
    {
        var response = await _server.Client().EcsAsync("DescribeRegions");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
