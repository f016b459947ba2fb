using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;
using Microsoft.AspNetCore.Mvc;

namespace EcsLocal.WebConsole.Pages.Encryption;

/// <summary>One region of the second step: the key choices, the key chosen and the outcome of Confirm.</summary>
public sealed record RegionKeyRow(Region Region, KeyChoices Keys, string SelectedKey, bool Done = false, ConsoleError? Error = null);

/// <summary>
/// Add Region: step 1 selects regions (a GET form), step 2 chooses a default key for each and Confirm turns default
/// encryption on with EnableDiskEncryptionByDefault, then sets the key with ResetDiskDefaultKMSKeyId (service key)
/// or ModifyDiskDefaultKMSKeyId (customer key).
/// </summary>
public sealed class AddRegionModel(ConsoleQueries queries, ConsoleActions actions) : ConsolePageModel
{
    public const string ServiceKeyChoice = "service-key";

    public IReadOnlyList<Region> Available { get; private set; } = [];

    public List<RegionKeyRow> Selected { get; } = [];

    public ConsoleError? Error { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "region")] string[] regionIds, CancellationToken cancellationToken)
    {
        var (settings, error) = await queries.AllRegionEncryptionAsync(Caller, SourceIp, cancellationToken);
        Error = error;
        Available = settings.Where(setting => !setting.Enabled).Select(setting => setting.Region).ToList();
        foreach (var region in regionIds.Select(RegionCatalog.Find).OfType<Region>().Distinct())
        {
            Selected.Add(new RegionKeyRow(region, await queries.UsableKeysAsync(Caller, region.Id, SourceIp, cancellationToken), ServiceKeyChoice));
        }
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "region")] string[] regionIds, CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var region in regionIds.Select(RegionCatalog.Find).OfType<Region>().Distinct())
        {
            var keyChoice = Request.Form[$"key-{region.Id}"].ToString();
            var error = await EnableWithKeyAsync(region.Id, keyChoice, cancellationToken);
            failed |= error is not null;
            Selected.Add(new RegionKeyRow(region, await queries.UsableKeysAsync(Caller, region.Id, SourceIp, cancellationToken),
                keyChoice, error is null, error));
        }

        if (Selected.Count == 0)
        {
            return Redirect($"{ConsoleSetup.BasePath}/encryption/add");
        }

        if (!failed)
        {
            return Redirect($"{ConsoleSetup.BasePath}/encryption?added={Uri.EscapeDataString(string.Join(",", Selected.Select(row => row.Region.Id)))}");
        }

        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Turns default encryption on in the region unless it already is, then sets the chosen default key.</summary>
    /// <remarks>
    /// NOTE: the two steps are two API actions, so when setting the key fails, the region stays on with its previous
    /// default key (the service key on a first enable), and the page shows only the key error.
    /// </remarks>
    private async Task<ConsoleError?> EnableWithKeyAsync(string regionId, string keyChoice, CancellationToken cancellationToken)
    {
        var (setting, readError) = await queries.RegionEncryptionAsync(Caller, RegionCatalog.Find(regionId)!, SourceIp, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        if (!setting!.Enabled)
        {
            var enabled = await actions.EcsAsync(Caller, "EnableDiskEncryptionByDefault", [("RegionId", regionId)], SourceIp, cancellationToken);
            if (!enabled.IsSuccess)
            {
                return FriendlyErrors.Describe(enabled.Error!, enabled.RequestId);
            }
        }

        var keySet = keyChoice is ServiceKeyChoice or ""
            ? await actions.EcsAsync(Caller, "ResetDiskDefaultKMSKeyId", [("RegionId", regionId)], SourceIp, cancellationToken)
            : await actions.EcsAsync(Caller, "ModifyDiskDefaultKMSKeyId", [("RegionId", regionId), ("KMSKeyId", keyChoice)], SourceIp, cancellationToken);
        return keySet.IsSuccess ? null : FriendlyErrors.Describe(keySet.Error!, keySet.RequestId);
    }
}
