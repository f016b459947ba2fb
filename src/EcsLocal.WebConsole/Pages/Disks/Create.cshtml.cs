using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;
using Microsoft.AspNetCore.Mvc;

namespace EcsLocal.WebConsole.Pages.Disks;

/// <summary>The values of the Create Disk form, kept when the form is shown again after an error.</summary>
public sealed record CreateDiskForm(string ZoneId, string Category, string Size, string Name, bool Encrypted, string KeyId);

/// <summary>
/// The Create Disk form, which posts its fields to CreateDisk unchanged. Where default encryption is on, Encrypted is
/// checked and cannot be cleared, because the API encrypts the disk anyway, and the region's default key is preselected.
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

    public async Task OnGetAsync(string? region, CancellationToken cancellationToken)
    {
        Region = RegionCatalog.Find(region) ?? RegionCatalog.Find(options.DefaultRegionId)!;
        Input = new CreateDiskForm(Region.Zones[0], "cloud_essd", "40", "", false, "");
        await LoadRegionAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var form = Request.Form;
        Region = RegionCatalog.Find(form["RegionId"]) ?? RegionCatalog.Find(options.DefaultRegionId)!;
        Input = new CreateDiskForm(form["ZoneId"].ToString(), form["DiskCategory"].ToString(), form["Size"].ToString(), form["DiskName"].ToString().Trim(),
            form["Encrypted"] == "true", form["KMSKeyId"].ToString());

        var created = await actions.EcsAsync(Caller, "CreateDisk",
            [("RegionId", form["RegionId"].ToString()), ("ZoneId", Input.ZoneId), ("DiskCategory", Input.Category), ("Size", Input.Size),
             ("DiskName", NonEmpty(Input.Name)), ("Encrypted", Input.Encrypted ? "true" : null), ("KMSKeyId", NonEmpty(Input.KeyId))],
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
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
