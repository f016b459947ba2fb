using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;

namespace EcsLocal.WebConsole.Pages;

/// <summary>The overview: the common features and how many regions have default encryption on.</summary>
public sealed class IndexModel(ConsoleQueries queries) : ConsolePageModel
{
    public IReadOnlyList<string> EnabledRegions { get; private set; } = [];

    public int RegionCount => RegionCatalog.All.Count;

    public ConsoleError? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (regions, error) = await queries.AllRegionEncryptionAsync(Caller, SourceIp, cancellationToken);
        Error = error;
        EnabledRegions = regions.Where(region => region.Enabled).Select(region => region.Region.Id).ToList();
    }
}
