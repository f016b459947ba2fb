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

    [Theory]
    [InlineData("6", "InvalidParameter")]
    [InlineData("367", "InvalidParameter")]
    [InlineData("seven", "InvalidParameter")]
    [InlineData("-30", "InvalidParameter")]
    [InlineData("", "MissingParameter")]
    public async Task ScheduleDeletion_outside_window_is_rejected(string days, string code)
    {
        var keyId = await CreateKeyAsync();
        await _console.SignInAsync(TestServer.AccessKeyId, TestServer.Secret);

        var response = await _console.PostFormAsync(KeyPage(keyId), $"{KeyPage(keyId)}&handler=ScheduleDeletion",
            ("RegionId", Region), ("PendingWindowInDays", days));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<code data-testid=\"error-code\">{code}</code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Enabled", await KeyStateAsync(keyId));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("366")]
    public async Task ScheduleDeletion_within_window_succeeds(string days)
    {
        var keyId = await CreateKeyAsync();
        await _console.SignInAsync(TestServer.AccessKeyId, TestServer.Secret);

        var response = await _console.PostFormAsync(KeyPage(keyId), $"{KeyPage(keyId)}&handler=ScheduleDeletion",
            ("RegionId", Region), ("PendingWindowInDays", days));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/console/keys/{keyId}?region={Region}&done=scheduled", response.Headers.Location?.OriginalString);
        Assert.Equal("PendingDeletion", await KeyStateAsync(keyId));
    }

    [Fact]
    public async Task Read_only_RAM_user_cannot_create_key()
    {
        var keyId = await CreateKeyAsync();
        await _server.RamUserClientAsync("keyreader", "AliyunKMSReadOnlyAccess");
        await _console.SignInAsync("LTAIuserkeyreader", "secret-of-keyreader");

        var keys = await _console.GetAsync($"/console/keys?region={Region}");
        var created = await _console.PostFormAsync($"/console/keys/create?region={Region}", "/console/keys/create",
            ("RegionId", Region), ("Description", "not allowed"), ("AliasName", "alias/not-allowed"));
        var disabled = await _console.PostFormAsync(KeyPage(keyId), $"{KeyPage(keyId)}&handler=Disable", ("RegionId", Region));

        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Contains(keyId, await keys.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Contains("<code data-testid=\"error-code\">Forbidden.NoPermission</code>", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, disabled.StatusCode);
        var account = _server.Client();
        Assert.Equal(1, (await account.KmsAsync("ListKeys")).Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal(0, (await account.KmsAsync("ListAliases")).Body.GetProperty("TotalCount").GetInt32());
        Assert.Equal("Enabled", await KeyStateAsync(keyId));
    }

    [Fact]
    public async Task AllowList_change_without_operator_mode_returns_403()
    {
        await _server.OtherAccountClientAsync();
        var administration = await _server.AdministrationAsync();
        await administration.SetAllowListedAsync("1600000000000002", false, CancellationToken.None);
        await _console.SignInAsync(TestServer.AccessKeyId, TestServer.Secret);

        var page = await _console.GetAsync("/console/allow-list");
        var changed = await _console.PostFormAsync("/console/allow-list", "/console/allow-list", ("AccountId", "1600000000000002"), ("Allowed", "true"));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"data-account-id=\"{TestServer.AccountId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1600000000000002", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);
        Assert.Contains("<code data-testid=\"error-code\">Console.OperatorModeOff</code>", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var other = (await administration.ListAccountsAsync(CancellationToken.None)).Single(account => account.Id == "1600000000000002");
        Assert.False(other.DefaultEncryptionAllowed);
    }

    [Fact]
    public async Task AllowList_in_operator_mode_changes_and_logs()
    {
        await using var server = await TestServer.StartAsync(consoleOperator: true);
        await server.OtherAccountClientAsync();
        using var console = new ConsoleClient(server.BaseAddress);
        await console.SignInAsync(TestServer.AccessKeyId, TestServer.Secret);

        var denied = await console.PostFormAsync("/console/allow-list", "/console/allow-list", ("AccountId", "1600000000000002"), ("Allowed", "false"));

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/console/allow-list?changed=1600000000000002&allowed=false", denied.Headers.Location?.OriginalString);
        var administration = await server.AdministrationAsync();
        var other = (await administration.ListAccountsAsync(CancellationToken.None)).Single(account => account.Id == "1600000000000002");
        Assert.False(other.DefaultEncryptionAllowed);
        var lines = server.Log.Lines.ToList();
        Assert.Contains(lines, line => line.Contains("Console operator mode is on", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(
            $"Console allow-list change by account {TestServer.AccountId} (AccessKey testid): account 1600000000000002 allowed False, result OK",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllowList_rejects_RAM_user_in_operator_mode()
    {
        await using var server = await TestServer.StartAsync(consoleOperator: true);
        await server.RamUserClientAsync("admin", "AdministratorAccess");
        using var console = new ConsoleClient(server.BaseAddress);
        await console.SignInAsync("LTAIuseradmin", "secret-of-admin");

        var page = await console.GetAsync("/console/allow-list");
        var changed = await console.PostFormAsync("/console/allow-list", "/console/allow-list", ("AccountId", TestServer.AccountId), ("Allowed", "false"));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);
        Assert.Contains("<code data-testid=\"error-code\">Console.RootAccountRequired</code>", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var administration = await server.AdministrationAsync();
        Assert.True((await administration.ListAccountsAsync(CancellationToken.None)).Single(account => account.Id == TestServer.AccountId).DefaultEncryptionAllowed);
    }

    [Fact]
    public async Task Rpc_endpoint_still_serves_other_paths()
    {
        var response = await _server.Client().EcsAsync("DescribeRegions");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    private static string KeyPage(string keyId) => $"/console/keys/{keyId}?region={Region}";

    private async Task<string> CreateKeyAsync()
    {
        var client = _server.Client();
        await client.KmsAsync("OpenKmsService");
        return (await client.KmsAsync("CreateKey")).Body.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
    }

    private async Task<string> KeyStateAsync(string keyId) =>
        (await _server.Client().KmsAsync("DescribeKey", ("KeyId", keyId))).Body.GetProperty("KeyMetadata").GetProperty("KeyState").GetString()!;
}
