using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

/// <summary>Clients that stall mid-request, over raw sockets, against a server with a 2-second request timeout.</summary>
public sealed class SlowClientTests : IAsyncLifetime
{
    private const int TimeoutSeconds = 2;

    // Kestrel checks its timeouts once a second, so the server may respond a little after the timeout. Past this limit, the test fails.
    private static readonly TimeSpan s_readLimit = TimeSpan.FromSeconds(20);

    private TestServer _server = null!;
    private SignedClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(requestTimeoutSeconds: TimeoutSeconds);
        _client = _server.Client();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Stalled_headers_get_408_and_close()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n");
        var stopwatch = Stopwatch.StartNew();

        var served = await _client.EcsAsync("DescribeRegions");
        var (response, closed) = await ReadUntilClosedAsync(socket);

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.StartsWith("HTTP/1.1 408 ", response, StringComparison.Ordinal);
        Assert.True(closed);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(TimeoutSeconds - 1), $"answered after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Stalled_body_gets_408_and_creates_nothing()
    {
        using var request = _client.Build("2014-05-26", "CreateDisk", SignatureStyle.HmacSha1PostForm,
            [("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("Size", "40"), ("DiskCategory", "cloud_essd")]);
        var body = await request.Content!.ReadAsStringAsync();
        using var socket = await ConnectAsync();
        await SendAsync(socket, HeadersOf(request, body.Length) + body[..(body.Length / 2)]);

        var served = await _client.EcsAsync("DescribeRegions");
        var (response, closed) = await ReadUntilClosedAsync(socket);
        var disks = await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"));

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.StartsWith("HTTP/1.1 408 ", response, StringComparison.Ordinal);
        Assert.Contains("\"Code\":\"RequestTimeout\"", response, StringComparison.Ordinal);
        Assert.True(closed);
        Assert.Equal(0, disks.Body.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Pause_within_grace_is_served()
    {
        using var request = _client.Build("2014-05-26", "DescribeRegions", SignatureStyle.HmacSha1PostForm, []);
        var body = await request.Content!.ReadAsStringAsync();
        using var socket = await ConnectAsync();
        await SendAsync(socket, HeadersOf(request, body.Length));

        // A pause shorter than the timeout between the headers and the body is within the grace period.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await SendAsync(socket, body);
        var (response, _) = await ReadUntilClosedAsync(socket, stopAfterBody: true);

        Assert.StartsWith("HTTP/1.1 200 ", response, StringComparison.Ordinal);
        Assert.Contains("\"Regions\"", response, StringComparison.Ordinal);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _server.BaseAddress.Port);
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);

    /// <summary>Writes the request line and headers of a signed request, with the Content-Length of its full body.</summary>
    private static string HeadersOf(HttpRequestMessage request, int contentLength)
    {
        var text = new StringBuilder($"POST {request.RequestUri!.PathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        foreach (var header in request.Headers.Concat(request.Content!.Headers))
        {
            if (header.Key is not ("Content-Length" or "Host"))
            {
                text.Append($"{header.Key}: {string.Join(", ", header.Value)}\r\n");
            }
        }

        return text.Append($"Content-Length: {contentLength}\r\n\r\n").ToString();
    }

    /// <summary>
    /// Reads the response until the server closes the connection or, with <paramref name="stopAfterBody"/>, until the
    /// JSON body is complete. Returns the text and whether the server closed the connection.
    /// </summary>
    private static async Task<(string Text, bool Closed)> ReadUntilClosedAsync(Socket socket, bool stopAfterBody = false)
    {
        using var timeout = new CancellationTokenSource(s_readLimit);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return (text.ToString(), true);
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (stopAfterBody && text.ToString().TrimEnd().EndsWith('}'))
            {
                return (text.ToString(), false);
            }
        }
    }
}
