using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;
using Microsoft.AspNetCore.Mvc;

namespace EcsLocal.WebConsole.Pages.Disks;

/// <summary>The values of the Create Disk form, kept when the form is shown again after an error.</summary>
public sealed record CreateDiskForm(string ZoneId, string Category, string Size, string Name, bool Encrypted, string KeyId, string SnapshotId);

/// <summary>A snapshot the new disk can be made from, with its encryption and size in GiB.</summary>
public sealed record SnapshotChoice(string SnapshotId, string Name, bool Encrypted, int Size);

/// <summary>
/// The Create Disk form, which posts its fields to CreateDisk unchanged. Where default encryption is on, Encrypted is
/// checked and cannot be cleared, because the API encrypts the disk anyway, and the region's default key is preselected.
/// For a disk made from a snapshot, the category list offers only the categories the encryption rules allow.
/// </summary>
public sealed class CreateDiskModel(ConsoleActions actions, ConsoleQueries queries, ConsoleOptions options) : ConsolePageModel
{
    public Region Region { get; private set; } = null!;

    public CreateDiskForm Input { get; private set; } = null!;

    public bool DefaultEncryptionOn { get; private set; }

    public KeyChoices Keys { get; private set; } = new([], null);

    /// <summary>The label of the empty key choice: the region's default key, or the service key.</summary>
    public string DefaultKeyLabel { get; private set; } = "";

    public ConsoleError? Error { get; private set; }

    /// <summary>The accomplished snapshots of the region that the caller can make disks from.</summary>
    public IReadOnlyList<SnapshotChoice> Snapshots { get; private set; } = [];

    /// <summary>The snapshot chosen as the source, or null for an empty disk.</summary>
    public SnapshotChoice? Source { get; private set; }

    /// <summary>The categories offered: every category for an empty disk, else those the encryption rules allow.</summary>
    public IReadOnlyList<DiskCategory> Categories { get; private set; } = DiskCategory.All;

    public async Task OnGetAsync(string? region, string? snapshot, bool encrypted, CancellationToken cancellationToken)
    {
        Region = RegionCatalog.Find(region) ?? RegionCatalog.Find(options.DefaultRegionId)!;
        Input = new CreateDiskForm(Region.Zones[0], "cloud_essd", "40", "", encrypted, "", snapshot ?? "");
        await LoadRegionAsync(cancellationToken);
        if (Source is not null)
        {
            Input = Input with { Size = Source.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    /// <summary>
    /// Shows the form again for the region, source snapshot and encryption chosen in it, which decide the zones, keys
    /// and categories offered. It creates nothing; the redirect keeps only those three choices in the URL.
    /// </summary>
    public IActionResult OnPostApply()
    {
        var form = Request.Form;
        var query = new Dictionary<string, string?>
        {
            ["region"] = form["RegionId"].ToString(),
            ["snapshot"] = form["SnapshotId"].ToString(),
            ["encrypted"] = form["Encrypted"] == "true" ? "true" : null,
        };
        return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"{ConsoleSetup.BasePath}/disks/create",
            query.Where(pair => !string.IsNullOrEmpty(pair.Value))));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var form = Request.Form;
        Region = RegionCatalog.Find(form["RegionId"]) ?? RegionCatalog.Find(options.DefaultRegionId)!;
        Input = new CreateDiskForm(form["ZoneId"].ToString(), form["DiskCategory"].ToString(), form["Size"].ToString(), form["DiskName"].ToString().Trim(),
            form["Encrypted"] == "true", form["KMSKeyId"].ToString(), form["SnapshotId"].ToString());

        var created = await actions.EcsAsync(Caller, "CreateDisk",
            [("RegionId", form["RegionId"].ToString()), ("ZoneId", Input.ZoneId), ("DiskCategory", Input.Category), ("Size", Input.Size),
             ("DiskName", NonEmpty(Input.Name)), ("Encrypted", Input.Encrypted ? "true" : null), ("KMSKeyId", NonEmpty(Input.KeyId)),
             ("SnapshotId", NonEmpty(Input.SnapshotId))],
            SourceIp, cancellationToken);
        if (created.IsSuccess)
        {
            var diskId = created.Body.GetProperty("DiskId").GetString()!;
            return Redirect($"{ConsoleSetup.BasePath}/disks?region={Uri.EscapeDataString(Region.Id)}&created={Uri.EscapeDataString(diskId)}");
        }

        Error = FriendlyErrors.Describe(created.Error!, created.RequestId);
        Response.StatusCode = created.Error!.HttpStatus;
        await LoadRegionAsync(cancellationToken);
        return Page();
    }

    private async Task LoadRegionAsync(CancellationToken cancellationToken)
    {
        var (setting, error) = await queries.RegionEncryptionAsync(Caller, Region, SourceIp, cancellationToken);
        Error ??= error;
        DefaultEncryptionOn = setting?.Enabled ?? false;
        Keys = await queries.UsableKeysAsync(Caller, Region.Id, SourceIp, cancellationToken);
        DefaultKeyLabel = DefaultEncryptionOn
            ? $"Region default key: {Keys.LabelOf(setting!.DefaultKeyId)}"
            : "Service key alias/acs/ecs, if encrypted";
        Snapshots = await SnapshotsAsync(cancellationToken);
        Source = Snapshots.FirstOrDefault(snapshot => snapshot.SnapshotId == Input.SnapshotId);
        if (Source is not null)
        {
            var requested = Input.Encrypted || DefaultEncryptionOn;
            Categories = DiskCategory.All
                .Where(category => EncryptionDecisionEngine.AllowsCategoryFromSource(category.Name, Source.Encrypted, requested, DefaultEncryptionOn))
                .ToList();
        }
    }

    /// <summary>Lists the region's accomplished snapshots through DescribeSnapshots, as the caller may see them.</summary>
    private async Task<IReadOnlyList<SnapshotChoice>> SnapshotsAsync(CancellationToken cancellationToken)
    {
        var listed = await actions.EcsAsync(Caller, "DescribeSnapshots", [("RegionId", Region.Id), ("PageSize", "100")], SourceIp, cancellationToken);
        if (!listed.IsSuccess)
        {
            return [];
        }

        return listed.Body.GetProperty("Snapshots").GetProperty("Snapshot").EnumerateArray()
            .Where(snapshot => snapshot.GetProperty("Status").GetString() == "accomplished")
            .Select(snapshot => new SnapshotChoice(snapshot.GetProperty("SnapshotId").GetString()!, snapshot.GetProperty("SnapshotName").GetString()!,
                snapshot.GetProperty("Encrypted").GetBoolean(),
                int.Parse(snapshot.GetProperty("SourceDiskSize").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
