using System.Globalization;
using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;

namespace EcsLocal.WebConsole.Pages.Snapshots;

/// <summary>A row of the snapshot list.</summary>
/// <param name="Reason">Why the snapshot got its key, in words. Empty when it is not encrypted or not the caller's own.</param>
public sealed record SnapshotRow(
    string SnapshotId, string Name, string SourceDiskId, string SourceDiskSize, string Status, string CreationTime, bool Encrypted, string KmsKeyId,
    string KeyAliases, string Reason);

/// <summary>The snapshots of one region from DescribeSnapshots, with the Disks page's filters and PageNumber paging.</summary>
public sealed class SnapshotsModel(ConsoleActions actions, ConsoleQueries queries, KeyReasonQueries reasonQueries, ConsoleOptions options)
    : ConsolePageModel
{
    public const int PageSize = 10;

    public string RegionId { get; private set; } = "";

    public string? EncryptedFilter { get; private set; }

    public string? KeyFilter { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int TotalCount { get; private set; }

    public int PageCount => Pager.CountPages(TotalCount, PageSize);

    public IReadOnlyList<SnapshotRow> Snapshots { get; private set; } = [];

    public ConsoleError? Error { get; private set; }

    /// <summary>Whether reading the list failed, in which case an empty list does not mean that nothing exists.</summary>
    public bool ListFailed { get; private set; }

    public async Task OnGetAsync(string? region, string? encrypted, string? key, int pageNumber, CancellationToken cancellationToken)
    {
        RegionId = RegionCatalog.Exists(region) ? region! : options.DefaultRegionId;
        EncryptedFilter = encrypted is "true" or "false" ? encrypted : null;
        KeyFilter = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        PageNumber = Math.Max(1, pageNumber);

        var listed = await actions.EcsAsync(Caller, "DescribeSnapshots",
            [("RegionId", RegionId), ("PageNumber", PageNumber.ToString(CultureInfo.InvariantCulture)),
             ("PageSize", PageSize.ToString(CultureInfo.InvariantCulture)), ("Encrypted", EncryptedFilter), ("KMSKeyId", KeyFilter)],
            SourceIp, cancellationToken);
        if (!listed.IsSuccess)
        {
            Error = FriendlyErrors.Describe(listed.Error!, listed.RequestId);
            ListFailed = true;
            Response.StatusCode = Error.HttpStatus;
            return;
        }

        TotalCount = listed.Body.GetProperty("TotalCount").GetInt32();
        var snapshots = listed.Body.GetProperty("Snapshots").GetProperty("Snapshot").EnumerateArray().ToList();
        var ids = snapshots.Select(snapshot => snapshot.GetProperty("SnapshotId").GetString()!).ToList();
        var reasons = await reasonQueries.SnapshotKeyReasonsAsync(Caller, ids, cancellationToken);
        var aliases = snapshots.Any(snapshot => snapshot.GetProperty("Encrypted").GetBoolean())
            ? await queries.AliasesAsync(Caller, RegionId, SourceIp, cancellationToken)
            : [];
        Snapshots = snapshots.Select(snapshot =>
        {
            var id = snapshot.GetProperty("SnapshotId").GetString()!;
            var keyId = snapshot.GetProperty("KMSKeyId").GetString()!;
            return new SnapshotRow(id, snapshot.GetProperty("SnapshotName").GetString()!, snapshot.GetProperty("SourceDiskId").GetString()!,
                snapshot.GetProperty("SourceDiskSize").GetString()!, snapshot.GetProperty("Status").GetString()!,
                snapshot.GetProperty("CreationTime").GetString()!, snapshot.GetProperty("Encrypted").GetBoolean(), keyId,
                aliases.TryGetValue(keyId, out var names) ? string.Join(", ", names) : "",
                reasons.TryGetValue(id, out var reason) ? KeyReasonQueries.Explain(reason, KeyedResource.Snapshot) : "");
        }).ToList();
    }

    public string PageUrl(int page)
    {
        var query = new List<string> { $"region={Uri.EscapeDataString(RegionId)}", $"pageNumber={page.ToString(CultureInfo.InvariantCulture)}" };
        if (EncryptedFilter is not null)
        {
            query.Add($"encrypted={EncryptedFilter}");
        }

        if (KeyFilter is not null)
        {
            query.Add($"key={Uri.EscapeDataString(KeyFilter)}");
        }

        return $"{ConsoleSetup.BasePath}/snapshots?{string.Join("&", query)}";
    }
}
