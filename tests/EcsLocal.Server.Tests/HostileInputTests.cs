using System.Net;
using System.Text;
using EcsLocal.Server.Tests.Support;

namespace EcsLocal.Server.Tests;

public sealed class HostileInputTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private SignedClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.Client();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sql_fragments_and_quotes_are_stored_literally()
    {
        const string Description = "'; DROP TABLE disks; -- \"quoted\" \\ back";
        var diskId = (await CreateDiskAsync(("DiskName", "O'Brien\"s disk"), ("Description", Description))).String("DiskId");

        var disk = (await _client.EcsAsync("DescribeDisks", ("RegionId", "cn-hangzhou"), ("DiskIds", $"[\"{diskId}\"]")))
            .Body.GetProperty("Disks").GetProperty("Disk")[0];

        Assert.Equal("O'Brien\"s disk", disk.GetProperty("DiskName").GetString());
        Assert.Equal(Description, disk.GetProperty("Description").GetString());
    }

    [Fact]
    public async Task Huge_repeat_list_index_is_rejected()
    {
        var response = await CreateDiskAsync(("Tag.100000.Key", "k"), ("Tag.100000.Value", "v"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidTagCount", response.Code);
    }

    [Fact]
    public async Task Invalid_utf8_name_is_malformed()
    {
        // Bytes FF FE are not UTF-8; they decode to two replacement characters, which is what the signature covered.
        using var request = _client.Build("2014-05-26", "CreateDisk", SignatureStyle.HmacSha1PostForm,
            [("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("Size", "40"), ("DiskCategory", "cloud_essd"), ("DiskName", "\uFFFD\uFFFD")]);
        var body = await request.Content!.ReadAsStringAsync();
        request.Content = new StringContent(body.Replace("%EF%BF%BD%EF%BF%BD", "%FF%FE", StringComparison.Ordinal), Encoding.UTF8,
            "application/x-www-form-urlencoded");

        var response = await SignedClient.SendAsync(request);
        var alive = await _client.EcsAsync("DescribeRegions");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("InvalidDiskName.Malformed", response.Code);
        Assert.Equal(HttpStatusCode.OK, alive.Status);
    }

    [Fact]
    public async Task Over_long_values_get_parameter_errors()
    {
        var description = await CreateDiskAsync(("Description", new string('d', 10_000)));
        var keyId = await CreateDiskAsync(("Encrypted", "true"), ("KMSKeyId", new string('k', 5_000)));
        var regions = await _client.EcsAsync("DescribeDisks", ("RegionId", new string('r', 5_000)));

        Assert.Equal("InvalidDescription.Malformed", description.Code);
        Assert.Equal("InvalidParameter", keyId.Code);
        Assert.Equal("InvalidParameter", regions.Code);
    }

    private Task<ApiResponse> CreateDiskAsync(params (string Name, string Value)[] parameters) =>
        _client.EcsAsync("CreateDisk", [("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-i"), ("DiskCategory", "cloud_essd"), ("Size", "40"), .. parameters]);
}
