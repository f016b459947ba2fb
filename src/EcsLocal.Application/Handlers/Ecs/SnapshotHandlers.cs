using EcsLocal.Application.Disks;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>The snapshot actions of ECS.</summary>
public sealed class SnapshotHandlers(SnapshotService service, TimeProvider time)
{
    private const int MaxKeyIdLength = 512;
    private const int MaxRetentionDays = 65_536;

    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Ecs, nameof(CreateSnapshot), CreateSnapshot, SupportLevel.Partial,
            "Keeps the disk's encryption and key; the key must be Enabled. Category and InstantAccess are accepted and ignored.")
        .Add(ApiProduct.Ecs, nameof(DescribeSnapshots), DescribeSnapshots, SupportLevel.Partial,
            "Filters SnapshotIds, DiskId, Status, Encrypted, KMSKeyId, SnapshotName, SourceDiskType and tags; both paging styles.")
        .Add(ApiProduct.Ecs, nameof(DeleteSnapshot), DeleteSnapshot, SupportLevel.Supported, "A snapshot that disks were created from needs Force=true.")
        .Add(ApiProduct.Ecs, nameof(ModifySnapshotAttribute), ModifySnapshotAttribute, SupportLevel.Partial,
            "SnapshotName, Description and RetentionDays.")
        .Add(ApiProduct.Ecs, nameof(CopySnapshot), CopySnapshot, SupportLevel.Supported,
            "Cross-region copies and copy-and-encrypt with the decision engine and the destination region's default encryption.");

    public async Task<ActionResult> CreateSnapshot(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var diskId = parameters.Required("DiskId", 128);
        var retention = parameters.OptionalInt32("RetentionDays", 1, MaxRetentionDays);
        var tags = parameters.Tags();
        var clientToken = parameters.ClientToken();
        var failure = diskId.Error ?? retention.Error ?? tags.Error ?? clientToken.Error ?? CheckNameAndDescription(parameters["SnapshotName"], parameters["Description"]);
        if (failure is not null)
        {
            return failure;
        }

        var input = new CreateSnapshotInput(diskId.Value, parameters["SnapshotName"] ?? "", parameters["Description"] ?? "", retention.Value,
            tags.Value, clientToken.Value, RequestFingerprint.Compute(parameters));
        var snapshotId = await service.CreateSnapshotAsync(context.Caller, input, cancellationToken);
        return snapshotId.ToResponse(id => new { SnapshotId = id });
    }

    public Task<ActionResult> DescribeSnapshots(ActionContext context, CancellationToken cancellationToken) =>
        ListingResponses.DescribeAsync(context, ReadSnapshotQuery(context.Parameters),
            query => service.DescribeSnapshotsAsync(context.Caller, query, cancellationToken),
            snapshots => ("Snapshots", new { Snapshot = snapshots.Select(snapshot => ResourceResponses.Snapshot(snapshot, time.GetUtcNow())).ToArray() }));

    public async Task<ActionResult> DeleteSnapshot(ActionContext context, CancellationToken cancellationToken)
    {
        var snapshotId = context.Parameters.Required("SnapshotId", 128);
        var force = context.Parameters.OptionalBoolean("Force");
        var failure = snapshotId.Error ?? force.Error;
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.DeleteSnapshotAsync(context.Caller, snapshotId.Value, force.Value ?? false, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> ModifySnapshotAttribute(ActionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters;
        var snapshotId = parameters.Required("SnapshotId", 128);
        var retention = parameters.OptionalInt32("RetentionDays", 1, MaxRetentionDays);
        var failure = snapshotId.Error ?? retention.Error ?? CheckNameAndDescription(parameters["SnapshotName"], parameters["Description"]);
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.ModifySnapshotAttributeAsync(context.Caller, snapshotId.Value, parameters["SnapshotName"],
            parameters["Description"], retention.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> CopySnapshot(ActionContext context, CancellationToken cancellationToken)
    {
        var input = ReadCopySnapshot(context.Parameters);
        if (!input.IsSuccess)
        {
            return input.Error;
        }

        var snapshotId = await service.CopySnapshotAsync(context.Caller, input.Value, cancellationToken);
        return snapshotId.ToResponse(id => new { SnapshotId = id });
    }

    private static Result<CopySnapshotInput> ReadCopySnapshot(RequestParameters parameters)
    {
        var regionId = parameters.Required("RegionId");
        var snapshotId = parameters.Required("SnapshotId", 128);
        var destination = parameters.Required("DestinationRegionId");
        var name = parameters.Required("DestinationSnapshotName", 128);
        var description = parameters.Required("DestinationSnapshotDescription", 256);
        var encrypted = parameters.Encrypted();
        var keyId = parameters.Optional("KMSKeyId", MaxKeyIdLength);
        var retention = parameters.OptionalInt32("RetentionDays", 1, MaxRetentionDays);
        var tags = parameters.Tags();
        var clientToken = parameters.ClientToken();
        var failure = regionId.Error ?? snapshotId.Error ?? destination.Error ?? name.Error ?? description.Error ?? encrypted.Error ?? keyId.Error ??
            retention.Error ?? tags.Error ?? clientToken.Error;
        if (failure is not null)
        {
            return failure;
        }

        if (!EcsParameters.IsValidName(name.Value) || name.Value.StartsWith("auto", StringComparison.Ordinal))
        {
            return ErrorCatalog.SnapshotNameMalformed;
        }

        return new CopySnapshotInput(regionId.Value, snapshotId.Value, destination.Value, name.Value, description.Value, encrypted.Value,
            string.IsNullOrEmpty(keyId.Value) ? null : keyId.Value, retention.Value, tags.Value, clientToken.Value, RequestFingerprint.Compute(parameters));
    }

    private static Result<SnapshotQuery> ReadSnapshotQuery(RequestParameters parameters)
    {
        var regionId = parameters.Required("RegionId");
        var paging = ListingParameters.Read(parameters);
        var snapshotIds = parameters.JsonIds("SnapshotIds");
        var encrypted = parameters.OptionalBoolean("Encrypted");
        var tags = parameters.TagFilters();
        var failure = regionId.Error ?? paging.Error ?? snapshotIds.Error ?? encrypted.Error ?? tags.Error;
        if (failure is not null)
        {
            return failure;
        }

        var status = NonEmpty(parameters["Status"]) is { } value && value != "all" ? value : null;
        if (status is not (null or SnapshotStatuses.Progressing or SnapshotStatuses.Accomplished or "failed"))
        {
            return ErrorCatalog.InvalidParameter.Format("Status");
        }

        var sourceDiskType = NonEmpty(parameters["SourceDiskType"])?.ToLowerInvariant();
        if (sourceDiskType is not (null or DiskTypes.System or DiskTypes.Data))
        {
            return ErrorCatalog.InvalidParameter.Format("SourceDiskType");
        }

        var (offset, limit, after) = paging.Value;
        return new SnapshotQuery(string.Empty, regionId.Value, default, limit, offset, after, snapshotIds.Value, NonEmpty(parameters["DiskId"]),
            status, encrypted.Value, NonEmpty(parameters["KMSKeyId"]), NonEmpty(parameters["SnapshotName"]), sourceDiskType, tags.Value);
    }

    private static ServiceError? CheckNameAndDescription(string? name, string? description)
    {
        if (!EcsParameters.IsValidName(name) || name?.StartsWith("auto", StringComparison.Ordinal) == true)
        {
            return ErrorCatalog.SnapshotNameMalformed;
        }

        return EcsParameters.IsValidDescription(description) ? null : ErrorCatalog.DescriptionMalformed;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
