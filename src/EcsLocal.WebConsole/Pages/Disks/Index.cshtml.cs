using System.Globalization;
using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;

namespace EcsLocal.WebConsole.Pages.Disks;

/// <summary>A row of the disk list.</summary>
/// <param name="Reason">Why the disk got its key, in words; empty for a disk that is not encrypted.</param>
public sealed record DiskRow(
    string DiskId, string Name, string ZoneId, string Category, int Size, string Status, bool Encrypted, string KmsKeyId, string KeyAliases, string Reason);

/// <summary>The disks of one region from DescribeDisks, with filters and PageNumber paging.</summary>
public sealed class DisksModel(ConsoleActions actions, ConsoleQueries queries, KeyReasonQueries reasonQueries, ConsoleOptions options)
    : ConsolePageModel
{
    public const int PageSize = 10;

    public string RegionId { get; private set; } = "";

    public string? EncryptedFilter { get; private set; }

    public string? KeyFilter { get; private set; }

    public string? Created { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int TotalCount { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public IReadOnlyList<DiskRow> Disks { get; private set; } = [];

    public ConsoleError? Error { get; private set; }

    /// <summary>Whether reading the list failed, in which case an empty list does not mean that nothing exists.</summary>
    public bool ListFailed { get; private set; }

    public async Task OnGetAsync(string? region, string? encrypted, string? key, string? created, int pageNumber, CancellationToken cancellationToken)
    {
        RegionId = RegionCatalog.Exists(region) ? region! : options.DefaultRegionId;
        EncryptedFilter = encrypted is "true" or "false" ? encrypted : null;
        KeyFilter = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        Created = created;
        PageNumber = Math.Max(1, pageNumber);

        var listed = await actions.EcsAsync(Caller, "DescribeDisks",
            [("RegionId", RegionId), ("PageNumber", PageNumber.ToString(CultureInfo.InvariantCulture)),
             ("PageSize", PageSize.ToString(CultureInfo.InvariantCulture)), ("Encrypted", EncryptedFilter), ("KMSKeyId", KeyFilter)],
            SourceIp, cancellationToken);
        if (!listed.IsSuccess)
        {
            Error = FriendlyErrors.Describe(listed.Error!, listed.RequestId);
            ListFailed = true;
            Response.StatusCode = listed.Error!.HttpStatus;
            return;
        }

        TotalCount = listed.Body.GetProperty("TotalCount").GetInt32();
        var disks = listed.Body.GetProperty("Disks").GetProperty("Disk").EnumerateArray().ToList();
        var ids = disks.Select(disk => disk.GetProperty("DiskId").GetString()!).ToList();
        var reasons = await reasonQueries.DiskKeyReasonsAsync(Caller, ids, cancellationToken);
        var aliases = disks.Any(disk => disk.GetProperty("Encrypted").GetBoolean())
            ? await queries.AliasesAsync(Caller, RegionId, SourceIp, cancellationToken)
            : [];
        Disks = disks.Select(disk =>
        {
            var id = disk.GetProperty("DiskId").GetString()!;
            var keyId = disk.GetProperty("KMSKeyId").GetString()!;
            return new DiskRow(id, disk.GetProperty("DiskName").GetString()!, disk.GetProperty("ZoneId").GetString()!,
                disk.GetProperty("Category").GetString()!, disk.GetProperty("Size").GetInt32(), disk.GetProperty("Status").GetString()!,
                disk.GetProperty("Encrypted").GetBoolean(), keyId, aliases.TryGetValue(keyId, out var names) ? string.Join(", ", names) : "",
                reasons.TryGetValue(id, out var reason) ? KeyReasonQueries.Explain(reason, KeyedResource.Disk) : "");
        }).ToList();
    }

    public string PageUrl(int page)
    {
        var query = new List<string> { $"region={Uri.EscapeDataString(RegionId)}", $"pageNumber={page}" };
        if (EncryptedFilter is not null)
        {
            query.Add($"encrypted={EncryptedFilter}");
        }

        if (KeyFilter is not null)
        {
            query.Add($"key={Uri.EscapeDataString(KeyFilter)}");
        }

        return $"{ConsoleSetup.BasePath}/disks?{string.Join("&", query)}";
    }
}
