using EcsLocal.WebConsole.Actions;
using Microsoft.AspNetCore.Mvc;

namespace EcsLocal.WebConsole.Pages.Encryption;

/// <summary>A region with default encryption on, and its default key as the page shows it.</summary>
public sealed record EnabledRegion(RegionEncryption Setting, string KeyLabel);

/// <summary>The regions with default encryption on; Remove turns it off in one region.</summary>
public sealed class EncryptionIndexModel(ConsoleQueries queries, ConsoleActions actions) : ConsolePageModel
{
    public IReadOnlyList<EnabledRegion> Enabled { get; private set; } = [];

    public List<string> Messages { get; } = [];

    public ConsoleError? Error { get; private set; }

    /// <summary>Whether reading the list failed, in which case an empty list does not mean that nothing exists.</summary>
    public bool ListFailed { get; private set; }

    public async Task OnGetAsync(string? added, string? removed, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(added))
        {
            Messages.Add($"Default encryption is on in {added.Replace(",", ", ", StringComparison.Ordinal)}.");
        }

        if (!string.IsNullOrEmpty(removed))
        {
            Messages.Add($"Default encryption is off in {removed}. Disks created there before keep their encryption.");
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string regionId, CancellationToken cancellationToken)
    {
        var disabled = await actions.EcsAsync(Caller, "DisableDiskEncryptionByDefault", [("RegionId", regionId)], SourceIp, cancellationToken);
        if (disabled.IsSuccess)
        {
            return Redirect($"{ConsoleSetup.BasePath}/encryption?removed={Uri.EscapeDataString(regionId)}");
        }

        Error = FriendlyErrors.Describe(disabled.Error!, disabled.RequestId);
        Response.StatusCode = disabled.Error!.HttpStatus;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (regions, error) = await queries.AllRegionEncryptionAsync(Caller, SourceIp, cancellationToken);
        Error ??= error;
        ListFailed = error is not null;
        var enabled = new List<EnabledRegion>();
        foreach (var setting in regions.Where(region => region.Enabled))
        {
            var aliases = await queries.AliasesAsync(Caller, setting.Region.Id, SourceIp, cancellationToken);
            var label = aliases.TryGetValue(setting.DefaultKeyId, out var names) ? string.Join(", ", names) : "Customer key";
            enabled.Add(new EnabledRegion(setting, label));
        }

        Enabled = enabled;
    }
}
