using System.Globalization;
using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;
using Microsoft.AspNetCore.Mvc;

namespace EcsLocal.WebConsole.Pages.Keys;

/// <summary>The KMS keys of one region from ListKeys and DescribeKey, with a key state filter and PageNumber paging.</summary>
public sealed class KeysModel(ConsoleActions actions, KeyQueries keyQueries, ConsoleOptions options) : ConsolePageModel
{
    public const int PageSize = 10;

    /// <summary>The key states that the state filter offers, as ListKeys names them.</summary>
    public static IReadOnlyList<string> States { get; } = ["Enabled", "Disabled", "PendingDeletion", "PendingImport"];

    public string RegionId { get; private set; } = "";

    public string? StateFilter { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int TotalCount { get; private set; }

    public int PageCount => Pager.CountPages(TotalCount, PageSize);

    public IReadOnlyList<(KeyDetails Key, IReadOnlyList<string> Aliases)> Keys { get; private set; } = [];

    public bool Activated { get; private set; }

    public ConsoleError? Error { get; private set; }

    /// <summary>Whether reading the list failed, in which case an empty list does not mean that nothing exists.</summary>
    public bool ListFailed { get; private set; }

    /// <summary>Whether the listing failed because KMS is not activated in the region, so the page offers to activate it.</summary>
    public bool KmsNotActivated => Error?.Code == "Forbidden.KmsServiceNotEnabled";

    public async Task OnGetAsync(string? region, string? state, int pageNumber, bool activated, CancellationToken cancellationToken)
    {
        RegionId = RegionCatalog.Exists(region) ? region! : options.DefaultRegionId;
        StateFilter = state is not null && States.Contains(state) ? state : null;
        PageNumber = Math.Max(1, pageNumber);
        Activated = activated;
        await LoadAsync(cancellationToken);
    }

    /// <summary>Activates KMS in the region with OpenKmsService.</summary>
    public async Task<IActionResult> OnPostActivateAsync(string regionId, CancellationToken cancellationToken)
    {
        RegionId = RegionCatalog.Exists(regionId) ? regionId : options.DefaultRegionId;
        var opened = await actions.KmsAsync(Caller, RegionId, "OpenKmsService", [], SourceIp, cancellationToken);
        if (opened.IsSuccess)
        {
            return Redirect($"{ConsoleSetup.BasePath}/keys?region={Uri.EscapeDataString(RegionId)}&activated=true");
        }

        await LoadAsync(cancellationToken);
        Error = FriendlyErrors.Describe(opened.Error!, opened.RequestId);
        Response.StatusCode = opened.Error!.HttpStatus;
        return Page();
    }

    public string PageUrl(int page)
    {
        var query = new List<string> { $"region={Uri.EscapeDataString(RegionId)}", $"pageNumber={page.ToString(CultureInfo.InvariantCulture)}" };
        if (StateFilter is not null)
        {
            query.Add($"state={StateFilter}");
        }

        return $"{ConsoleSetup.BasePath}/keys?{string.Join("&", query)}";
    }

    public static string DetailUrl(string regionId, string keyId) =>
        $"{ConsoleSetup.BasePath}/keys/{Uri.EscapeDataString(keyId)}?region={Uri.EscapeDataString(regionId)}";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (page, error) = await keyQueries.ListPageAsync(Caller, RegionId, StateFilter, PageNumber, PageSize, SourceIp, cancellationToken);
        if (error is not null)
        {
            Error = error;
            ListFailed = true;
            Response.StatusCode = error.HttpStatus;
            return;
        }

        Keys = page!.Keys;
        TotalCount = page.TotalCount;
    }
}
