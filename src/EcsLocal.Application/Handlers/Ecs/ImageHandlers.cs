using System.Globalization;
using EcsLocal.Application.Disks;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Images;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>The image actions of ECS.</summary>
public sealed class ImageHandlers(ImageService service, TimeProvider time)
{
    private const int MaxMappings = 17;
    private const int MaxAccountsPerCall = 10;
    private static readonly string[] s_architectures = ["x86_64", "i386", "arm64"];
    private static readonly string[] s_statuses = ["Creating", "Waiting", "Available", "UnAvailable", "CreateFailed", "Deprecated"];

    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Ecs, nameof(CreateImage), CreateImage, SupportLevel.Partial,
            "From InstanceId (each disk is snapshotted), DiskDeviceMapping.N or SnapshotId, in that priority; each disk keeps the encryption and key of its disk or snapshot.")
        .Add(ApiProduct.Ecs, nameof(DescribeImages), DescribeImages, SupportLevel.Partial,
            "System, own and shared images; filters ImageId (comma-separated), ImageName, Status and ImageOwnerAlias. DiskDeviceMappings report Encrypted and KMSKeyId.")
        .Add(ApiProduct.Ecs, nameof(DeleteImage), DeleteImage, SupportLevel.Supported, "Own custom images; their shares end.")
        .Add(ApiProduct.Ecs, nameof(CopyImage), CopyImage, SupportLevel.Supported,
            "Own and shared images with the decision engine; each disk gets a new snapshot in the destination region.")
        .Add(ApiProduct.Ecs, nameof(ModifyImageSharePermission), ModifyImageSharePermission, SupportLevel.Supported,
            "AddAccount.N and RemoveAccount.N (10 per call, 50 per image; more than 10 are ignored) and IsPublic; encrypted images only with BYOK keys.")
        .Add(ApiProduct.Ecs, nameof(DescribeImageSharePermission), DescribeImageSharePermission);

    public async Task<ActionResult> CreateImage(ActionContext context, CancellationToken cancellationToken)
    {
        var input = ReadCreateImage(context.Parameters);
        if (!input.IsSuccess)
        {
            return input.Error;
        }

        var imageId = await service.CreateImageAsync(context.Caller, input.Value, cancellationToken);
        return imageId.ToResponse(id => new { ImageId = id });
    }

    public async Task<ActionResult> DescribeImages(ActionContext context, CancellationToken cancellationToken)
    {
        var query = ReadImageQuery(context.Parameters);
        var dryRun = context.Parameters.DryRun();
        var failure = query.Error ?? dryRun.Error;
        if (failure is not null)
        {
            return failure;
        }

        if (dryRun.Value)
        {
            return ErrorCatalog.DryRunOperation;
        }

        var page = await service.DescribeImagesAsync(context.Caller, query.Value, cancellationToken);
        var now = time.GetUtcNow();
        return page.ToResponse(result => new
        {
            Images = new { Image = result.Items.Select(image => ImageResponse(image, context.Caller.AccountId, now)).ToArray() },
            result.TotalCount,
            PageNumber = query.Value.Offset / query.Value.Limit + 1,
            PageSize = query.Value.Limit,
            query.Value.RegionId,
        });
    }

    public async Task<ActionResult> DeleteImage(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        var imageId = context.Parameters.Required("ImageId", 128);
        var force = context.Parameters.OptionalBoolean("Force");
        var dryRun = context.Parameters.DryRun();
        var failure = regionId.Error ?? imageId.Error ?? force.Error ?? dryRun.Error;
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.DeleteImageAsync(context.Caller, regionId.Value, imageId.Value, dryRun.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> CopyImage(ActionContext context, CancellationToken cancellationToken)
    {
        var input = ReadCopyImage(context.Parameters);
        if (!input.IsSuccess)
        {
            return input.Error;
        }

        var imageId = await service.CopyImageAsync(context.Caller, input.Value, cancellationToken);
        return imageId.ToResponse(id => new { ImageId = id });
    }

    public async Task<ActionResult> ModifyImageSharePermission(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var regionId = parameters.Required("RegionId");
        var imageId = parameters.Required("ImageId", 128);
        var isPublic = parameters.OptionalBoolean("IsPublic");
        var dryRun = parameters.DryRun();
        var failure = regionId.Error ?? imageId.Error ?? isPublic.Error ?? dryRun.Error;
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.ModifyImageSharePermissionAsync(context.Caller, regionId.Value, imageId.Value,
            AccountList(parameters, "AddAccount"), AccountList(parameters, "RemoveAccount"), isPublic.Value, dryRun.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DescribeImageSharePermission(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        var imageId = context.Parameters.Required("ImageId", 128);
        var paging = ListingParameters.Read(context.Parameters);
        var failure = regionId.Error ?? imageId.Error ?? paging.Error;
        if (failure is not null)
        {
            return failure;
        }

        var (offset, limit, _) = paging.Value;
        var sharing = await service.DescribeImageSharePermissionAsync(context.Caller, regionId.Value, imageId.Value, cancellationToken);
        return sharing.ToResponse(result => new
        {
            Accounts = new
            {
                Account = result.Shares.Skip(offset).Take(limit)
                    .Select(share => new { AliyunId = share.AccountId, SharedTime = WireFormat.Time(share.SharedAt) }).ToArray(),
            },
            ShareGroups = new { ShareGroup = result.Image.IsPublic ? new[] { new { Group = "all" } } : [] },
            ImageId = result.Image.Id,
            result.Image.RegionId,
            TotalCount = result.Shares.Count,
            PageNumber = offset / limit + 1,
            PageSize = limit,
        });
    }

    private static object ImageResponse(Image image, string callerAccountId, DateTimeOffset now) => new
    {
        ImageId = image.Id,
        ImageName = image.Name,
        image.Description,
        Status = image.StatusAt(now),
        Progress = image.StatusAt(now) == ImageStatuses.Available ? "100%" : "50%",
        CreationTime = WireFormat.Time(image.CreationTime),
        ImageOwnerAlias = OwnerAlias(image, callerAccountId),
        ImageOwnerId = long.TryParse(image.AccountId, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) ? owner : (long?)null,
        image.IsPublic,
        IsCopied = image.SourceImageId is not null,
        IsSelfShared = "False",
        IsSupportCloudinit = true,
        IsSupportIoOptimized = true,
        image.Platform,
        OSType = image.OsType,
        OSName = image.OsName,
        OSNameEn = image.OsName,
        image.Architecture,
        image.Size,
        Usage = "instance",
        Tags = new { Tag = image.Tags.Select(tag => new { TagKey = tag.Key, TagValue = tag.Value }).ToArray() },
        DiskDeviceMappings = new
        {
            DiskDeviceMapping = image.Mappings.Select(mapping => new
            {
                mapping.Device,
                mapping.Type,
                Size = mapping.Size.ToString(CultureInfo.InvariantCulture),
                SnapshotId = mapping.SnapshotId ?? "",
                mapping.Encrypted,
                KMSKeyId = mapping.KmsKeyId ?? "",
                Progress = image.StatusAt(now) == ImageStatuses.Available ? "100%" : "50%",
                Format = "",
            }).ToArray(),
        },
    };

    private static string OwnerAlias(Image image, string callerAccountId)
    {
        if (image.IsSystem)
        {
            return ImageOwnerAliases.System;
        }

        return image.AccountId == callerAccountId ? ImageOwnerAliases.Self : ImageOwnerAliases.Others;
    }

    private static Result<CreateImageInput> ReadCreateImage(RequestParameters parameters)
    {
        var regionId = parameters.Required("RegionId");
        var mappings = ReadMappings(parameters);
        var tags = parameters.Tags();
        var clientToken = parameters.ClientToken();
        var dryRun = parameters.DryRun();
        var failure = regionId.Error ?? mappings.Error ?? tags.Error ?? clientToken.Error ?? dryRun.Error;
        if (failure is not null)
        {
            return failure;
        }

        var name = parameters["ImageName"] ?? "";
        if (!EcsParameters.IsValidName(name) || name.StartsWith("aliyun", StringComparison.Ordinal) || name.StartsWith("acs:", StringComparison.Ordinal))
        {
            return ErrorCatalog.ImageNameMalformed;
        }

        if (!EcsParameters.IsValidDescription(parameters["Description"]))
        {
            return ErrorCatalog.DescriptionMalformed;
        }

        var architecture = parameters["Architecture"] is { Length: > 0 } value ? value : "x86_64";
        if (!s_architectures.Contains(architecture))
        {
            return ErrorCatalog.InvalidParameter.Format("Architecture");
        }

        return new CreateImageInput(regionId.Value, parameters["InstanceId"] is { Length: > 0 } instance ? instance : null, mappings.Value, name,
            parameters["Description"] ?? "", parameters["Platform"] is { Length: > 0 } platform ? platform : "Others Linux", architecture, tags.Value,
            dryRun.Value, clientToken.Value, RequestFingerprint.Compute(parameters));
    }

    /// <summary>Reads DiskDeviceMapping.N, or else the single SnapshotId, as the disks of a new image.</summary>
    private static Result<IReadOnlyList<ImageMappingInput>> ReadMappings(RequestParameters parameters)
    {
        var mappings = new List<ImageMappingInput>();
        for (var index = 1; index <= MaxMappings + 1; index++)
        {
            var snapshotId = parameters[$"DiskDeviceMapping.{index}.SnapshotId"];
            if (snapshotId is null)
            {
                break;
            }

            var size = parameters.OptionalInt32($"DiskDeviceMapping.{index}.Size", 1, 65_536);
            var type = parameters[$"DiskDeviceMapping.{index}.DiskType"];
            if (!size.IsSuccess || index > MaxMappings || type is not (null or "" or DiskTypes.System or DiskTypes.Data))
            {
                return size.Error ?? ErrorCatalog.InvalidParameter.Format($"DiskDeviceMapping.{index}");
            }

            mappings.Add(new ImageMappingInput(snapshotId, size.Value, string.IsNullOrEmpty(type) ? null : type,
                parameters[$"DiskDeviceMapping.{index}.Device"] is { Length: > 0 } device ? device : null));
        }

        if (mappings.Count == 0 && parameters["SnapshotId"] is { Length: > 0 } single)
        {
            mappings.Add(new ImageMappingInput(single, null, DiskTypes.System, null));
        }

        return mappings;
    }

    private static Result<CopyImageInput> ReadCopyImage(RequestParameters parameters)
    {
        var regionId = parameters.Required("RegionId");
        var imageId = parameters.Required("ImageId", 128);
        var encrypted = parameters.Encrypted();
        var keyId = parameters.Optional("KMSKeyId", 512);
        var tags = parameters.Tags();
        var clientToken = parameters.ClientToken();
        var dryRun = parameters.DryRun();
        var failure = regionId.Error ?? imageId.Error ?? encrypted.Error ?? keyId.Error ?? tags.Error ?? clientToken.Error ?? dryRun.Error;
        if (failure is not null)
        {
            return failure;
        }

        var name = parameters["DestinationImageName"] ?? "";
        if (!EcsParameters.IsValidName(name))
        {
            return ErrorCatalog.ImageNameMalformed;
        }

        var destination = parameters["DestinationRegionId"] is { Length: > 0 } value ? value : regionId.Value;
        return new CopyImageInput(regionId.Value, imageId.Value, destination, name, parameters["DestinationDescription"] ?? "", encrypted.Value,
            string.IsNullOrEmpty(keyId.Value) ? null : keyId.Value, tags.Value, dryRun.Value, clientToken.Value, RequestFingerprint.Compute(parameters));
    }

    private static Result<ImageQuery> ReadImageQuery(RequestParameters parameters)
    {
        var regionId = parameters.Required("RegionId");
        var paging = ListingParameters.Read(parameters);
        var failure = regionId.Error ?? paging.Error;
        if (failure is not null)
        {
            return failure;
        }

        var alias = parameters["ImageOwnerAlias"] is { Length: > 0 } value ? value : null;
        if (alias is not (null or ImageOwnerAliases.System or ImageOwnerAliases.Self or ImageOwnerAliases.Others or "marketplace"))
        {
            return ErrorCatalog.InvalidParameter.Format("ImageOwnerAlias");
        }

        var statuses = Split(parameters["Status"]) ?? [ImageStatuses.Available];
        if (statuses.Any(status => !s_statuses.Contains(status)))
        {
            return ErrorCatalog.InvalidParameter.Format("Status");
        }

        var (offset, limit, _) = paging.Value;
        return new ImageQuery(string.Empty, regionId.Value, default, limit, offset, alias is null or ImageOwnerAliases.System,
            alias is null or ImageOwnerAliases.Self, alias is null or ImageOwnerAliases.Others, Split(parameters["ImageId"]),
            parameters["ImageName"] is { Length: > 0 } name ? name : null, statuses);
    }

    private static List<string>? Split(string? commaSeparated) =>
        string.IsNullOrEmpty(commaSeparated)
            ? null
            : commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(100).ToList();

    /// <summary>Reads AddAccount.N or RemoveAccount.N; like the service, ids after the tenth are ignored.</summary>
    private static IReadOnlyList<string> AccountList(RequestParameters parameters, string prefix) =>
        Enumerable.Range(1, MaxAccountsPerCall)
            .Select(index => parameters[$"{prefix}.{index}"])
            .Where(value => !string.IsNullOrEmpty(value))
            .Select(value => value!)
            .Distinct()
            .ToList();
}
