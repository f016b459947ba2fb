using EcsLocal.Application.Disks;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>The disk actions of ECS.</summary>
public sealed class DiskHandlers(DiskService service, TimeProvider time)
{
    private const int MaxKeyIdLength = 512;
    private static readonly string[] s_statuses = ["In_use", "Available", "Attaching", "Detaching", "Creating", "ReIniting"];

    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Ecs, nameof(CreateDisk), CreateDisk, SupportLevel.Partial,
            "Empty disks and disks from snapshots with the encryption decision engine, ClientToken and tags; with InstanceId the disk is created in the instance's zone and attached to it.")
        .Add(ApiProduct.Ecs, nameof(DescribeDisks), DescribeDisks, SupportLevel.Partial,
            "Filters DiskIds, InstanceId, ZoneId, Category, Status, Encrypted, KMSKeyId, DiskType, DiskName, SnapshotId and tags; PageNumber/PageSize and NextToken/MaxResults.")
        .Add(ApiProduct.Ecs, nameof(DeleteDisk), DeleteDisk, SupportLevel.Supported, "Only Available disks.")
        .Add(ApiProduct.Ecs, nameof(ResizeDisk), ResizeDisk, SupportLevel.Supported, "Grows a disk within its category's maximum.")
        .Add(ApiProduct.Ecs, nameof(ModifyDiskAttribute), ModifyDiskAttribute, SupportLevel.Partial, "DiskName, Description and DeleteWithInstance.");

    public async Task<ActionResult> CreateDisk(ActionContext context, CancellationToken cancellationToken)
    {
        var input = ReadCreateDisk(context.Parameters);
        if (!input.IsSuccess)
        {
            return input.Error;
        }

        var diskId = await service.CreateDiskAsync(context.Caller, input.Value, cancellationToken);
        return diskId.ToResponse(id => new { DiskId = id });
    }

    public Task<ActionResult> DescribeDisks(ActionContext context, CancellationToken cancellationToken) =>
        ListingResponses.DescribeAsync(context, ReadDiskQuery(context.Parameters),
            query => service.DescribeDisksAsync(context.Caller, query, cancellationToken),
            disks => ("Disks", new { Disk = disks.Select(disk => ResourceResponses.Disk(disk, time.GetUtcNow())).ToArray() }));

    public Task<ActionResult> DeleteDisk(ActionContext context, CancellationToken cancellationToken) =>
        WithDiskIdAsync(context, async diskId => (await service.DeleteDiskAsync(context.Caller, diskId, cancellationToken)).ToEmptyResponse());

    public Task<ActionResult> ResizeDisk(ActionContext context, CancellationToken cancellationToken) =>
        WithDiskIdAsync(context, async diskId =>
        {
            var size = context.Parameters.OptionalInt32("NewSize", 1, 65_536);
            if (!size.IsSuccess || size.Value is null)
            {
                return size.IsSuccess ? ErrorCatalog.MissingParameter.Format("NewSize") : size.Error;
            }

            return (await service.ResizeDiskAsync(context.Caller, diskId, size.Value.Value, cancellationToken)).ToEmptyResponse();
        });

    public Task<ActionResult> ModifyDiskAttribute(ActionContext context, CancellationToken cancellationToken) =>
        WithDiskIdAsync(context, async diskId =>
        {
            var parameters = context.Parameters;
            var deleteWithInstance = parameters.OptionalBoolean("DeleteWithInstance");
            if (!deleteWithInstance.IsSuccess)
            {
                return deleteWithInstance.Error;
            }

            if (!EcsParameters.IsValidName(parameters["DiskName"]))
            {
                return ErrorCatalog.DiskNameMalformed;
            }

            if (!EcsParameters.IsValidDescription(parameters["Description"]))
            {
                return ErrorCatalog.DescriptionMalformed;
            }

            var result = await service.ModifyDiskAttributeAsync(context.Caller, diskId, parameters["DiskName"], parameters["Description"],
                deleteWithInstance.Value, cancellationToken);
            return result.ToEmptyResponse();
        });

    private static Task<ActionResult> WithDiskIdAsync(ActionContext context, Func<string, Task<ActionResult>> action)
    {
        var diskId = context.Parameters.Required("DiskId", 128);
        return diskId.IsSuccess ? action(diskId.Value) : Task.FromResult(ActionResult.Fail(diskId.Error));
    }

    private static Result<CreateDiskInput> ReadCreateDisk(RequestParameters parameters)
    {
        var regionId = parameters.Required("RegionId");
        if (!regionId.IsSuccess)
        {
            return regionId.Error;
        }

        var category = parameters["DiskCategory"] is { Length: > 0 } name ? name : DiskCategory.DefaultName;
        if (DiskCategory.Find(category) is not { } diskCategory)
        {
            return ErrorCatalog.DiskCategoryNotValid;
        }

        var level = parameters["PerformanceLevel"] is { Length: > 0 } pl ? pl : null;
        if (level is not null && diskCategory.PerformanceLevelMinSizes?.ContainsKey(level) != true)
        {
            return ErrorCatalog.InvalidParameter.Format("PerformanceLevel");
        }

        var size = parameters.OptionalInt32("Size", 1, int.MaxValue);
        var encrypted = parameters.Encrypted();
        var keyId = parameters.Optional("KMSKeyId", MaxKeyIdLength);
        var tags = parameters.Tags();
        var clientToken = parameters.ClientToken();
        var failure = size.Error ?? encrypted.Error ?? keyId.Error ?? tags.Error ?? clientToken.Error;
        if (failure is not null)
        {
            return failure;
        }

        if (!EcsParameters.IsValidName(parameters["DiskName"]))
        {
            return ErrorCatalog.DiskNameMalformed;
        }

        if (!EcsParameters.IsValidDescription(parameters["Description"]))
        {
            return ErrorCatalog.DescriptionMalformed;
        }

        return new CreateDiskInput(regionId.Value, NonEmpty(parameters["ZoneId"]), NonEmpty(parameters["InstanceId"]), category, level, size.Value,
            NonEmpty(parameters["SnapshotId"]), parameters["DiskName"] ?? "", parameters["Description"] ?? "", encrypted.Value,
            NonEmpty(keyId.Value), tags.Value, clientToken.Value, RequestFingerprint.Compute(parameters));
    }

    private static Result<DiskQuery> ReadDiskQuery(RequestParameters parameters)
    {
        var regionId = parameters.Required("RegionId");
        var paging = ListingParameters.Read(parameters);
        var diskIds = parameters.JsonIds("DiskIds");
        var encrypted = parameters.OptionalBoolean("Encrypted");
        var tags = parameters.TagFilters();
        var failure = regionId.Error ?? paging.Error ?? diskIds.Error ?? encrypted.Error ?? tags.Error;
        if (failure is not null)
        {
            return failure;
        }

        var category = NonEmpty(parameters["Category"]) is { } value && value != "all" ? value : null;
        var status = NonEmpty(parameters["Status"]) is { } statusValue && statusValue != "All" ? statusValue : null;
        var diskType = NonEmpty(parameters["DiskType"]) is { } type && type != "all" ? type : null;
        if (status is not null && !s_statuses.Contains(status))
        {
            return ErrorCatalog.InvalidParameter.Format("Status");
        }

        if (diskType is not (null or DiskTypes.System or DiskTypes.Data))
        {
            return ErrorCatalog.InvalidParameter.Format("DiskType");
        }

        var (offset, limit, after) = paging.Value;
        return new DiskQuery(string.Empty, regionId.Value, default, limit, offset, after, diskIds.Value, NonEmpty(parameters["InstanceId"]),
            NonEmpty(parameters["ZoneId"]), category, status, encrypted.Value, NonEmpty(parameters["KMSKeyId"]), diskType,
            NonEmpty(parameters["DiskName"]), NonEmpty(parameters["SnapshotId"]), tags.Value);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
