using System.Globalization;
using EcsLocal.Domain.Regions;
using EcsLocal.WebConsole.Actions;

namespace EcsLocal.WebConsole.Pages.Images;

/// <summary>One disk of an image, as DescribeImages reports it in DiskDeviceMappings.</summary>
/// <param name="Reason">Why the disk got its key, in words. Empty when it is not encrypted or the image is not the caller's own.</param>
public sealed record ImageDiskRow(string Device, string Type, string Size, string SnapshotId, bool Encrypted, string KmsKeyId, string KeyAliases, string Reason);

/// <summary>A row group of the image list: the image and its disks. Encryption belongs to each disk, not to the image.</summary>
public sealed record ImageRow(string ImageId, string Name, string OwnerAlias, string Status, string CreationTime, IReadOnlyList<ImageDiskRow> Disks);

/// <summary>The images of one region from DescribeImages, filtered by owner and name, with PageNumber paging.</summary>
/// <remarks>NOTE: DescribeImages has no Encrypted or KMSKeyId filter, so this page cannot filter by encryption as the Disks page does.</remarks>
public sealed class ImagesModel(ConsoleActions actions, ConsoleQueries queries, KeyReasonQueries reasonQueries, ConsoleOptions options)
    : ConsolePageModel
{
    public const int PageSize = 10;

    /// <summary>The ImageOwnerAlias values the owner filter offers, with their labels; an empty value lists every owner.</summary>
    public static IReadOnlyList<(string Value, string Label)> Owners { get; } =
        [("self", "My custom images"), ("others", "Shared with me"), ("system", "System images"), ("", "All images")];

    /// <summary>The image states listed: images still being created and available ones. DescribeImages lists only Available ones by default.</summary>
    private const string ListedStatuses = "Creating,Available";

    public string RegionId { get; private set; } = "";

    public string Owner { get; private set; } = "self";

    public string? NameFilter { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int TotalCount { get; private set; }

    public int PageCount => Pager.CountPages(TotalCount, PageSize);

    public IReadOnlyList<ImageRow> Images { get; private set; } = [];

    public ConsoleError? Error { get; private set; }

    /// <summary>Whether reading the list failed, in which case an empty list does not mean that nothing exists.</summary>
    public bool ListFailed { get; private set; }

    public async Task OnGetAsync(string? region, string? owner, string? name, int pageNumber, CancellationToken cancellationToken)
    {
        RegionId = RegionCatalog.Exists(region) ? region! : options.DefaultRegionId;
        Owner = owner is not null && Owners.Any(choice => choice.Value == owner) ? owner : "self";
        NameFilter = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        PageNumber = Math.Max(1, pageNumber);

        var listed = await actions.EcsAsync(Caller, "DescribeImages",
            [("RegionId", RegionId), ("PageNumber", PageNumber.ToString(CultureInfo.InvariantCulture)),
             ("PageSize", PageSize.ToString(CultureInfo.InvariantCulture)), ("ImageOwnerAlias", Owner.Length == 0 ? null : Owner),
             ("ImageName", NameFilter), ("Status", ListedStatuses)],
            SourceIp, cancellationToken);
        if (!listed.IsSuccess)
        {
            Error = FriendlyErrors.Describe(listed.Error!, listed.RequestId);
            ListFailed = true;
            Response.StatusCode = Error.HttpStatus;
            return;
        }

        TotalCount = listed.Body.GetProperty("TotalCount").GetInt32();
        var images = listed.Body.GetProperty("Images").GetProperty("Image").EnumerateArray().ToList();
        var ids = images.Select(image => image.GetProperty("ImageId").GetString()!).ToList();
        var reasons = await reasonQueries.ImageKeyReasonsAsync(Caller, RegionId, ids, cancellationToken);
        var aliases = await queries.AliasesAsync(Caller, RegionId, SourceIp, cancellationToken);
        Images = images.Select(image =>
        {
            var id = image.GetProperty("ImageId").GetString()!;
            var imageReasons = reasons.GetValueOrDefault(id);
            var disks = image.GetProperty("DiskDeviceMappings").GetProperty("DiskDeviceMapping").EnumerateArray().Select(mapping =>
            {
                var device = mapping.GetProperty("Device").GetString()!;
                var keyId = mapping.GetProperty("KMSKeyId").GetString()!;
                return new ImageDiskRow(device, mapping.GetProperty("Type").GetString()!, mapping.GetProperty("Size").GetString()!,
                    mapping.GetProperty("SnapshotId").GetString()!, mapping.GetProperty("Encrypted").GetBoolean(), keyId,
                    aliases.TryGetValue(keyId, out var names) ? string.Join(", ", names) : "",
                    imageReasons?.TryGetValue(device, out var reason) == true ? KeyReasonQueries.Explain(reason, KeyedResource.Image) : "");
            }).ToList();
            return new ImageRow(id, image.GetProperty("ImageName").GetString()!, image.GetProperty("ImageOwnerAlias").GetString()!,
                image.GetProperty("Status").GetString()!, image.GetProperty("CreationTime").GetString()!, disks);
        }).ToList();
    }

    public string PageUrl(int page)
    {
        var query = new List<string>
        {
            $"region={Uri.EscapeDataString(RegionId)}", $"owner={Uri.EscapeDataString(Owner)}", $"pageNumber={page.ToString(CultureInfo.InvariantCulture)}",
        };
        if (NameFilter is not null)
        {
            query.Add($"name={Uri.EscapeDataString(NameFilter)}");
        }

        return $"{ConsoleSetup.BasePath}/images?{string.Join("&", query)}";
    }
}
