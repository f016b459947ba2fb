using System.Text.RegularExpressions;
using EcsLocal.Application.Disks;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Instances;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers.Ecs;

/// <summary>The instance actions of ECS, and attaching disks to instances.</summary>
public sealed partial class InstanceHandlers(InstanceService service, TimeProvider time)
{
    private const string DefaultCategory = "cloud_essd";

    public void Register(ApiRegistry registry) => registry
        .Add(ApiProduct.Ecs, nameof(RunInstances), RunInstances, SupportLevel.Partial,
            "Amount, ImageId, InstanceType, ZoneId, SystemDisk.* and DataDisk.N.* with the encryption decision engine for every disk; all or nothing. Networking parameters are accepted and ignored.")
        .Add(ApiProduct.Ecs, nameof(CreateInstance), CreateInstance, SupportLevel.Partial, "As RunInstances with one instance that stays Stopped.")
        .Add(ApiProduct.Ecs, nameof(DescribeInstances), DescribeInstances, SupportLevel.Partial,
            "Filters InstanceIds, ZoneId, Status, InstanceName, ImageId and tags; both paging styles.")
        .Add(ApiProduct.Ecs, nameof(StartInstance), StartInstance)
        .Add(ApiProduct.Ecs, nameof(StopInstance), StopInstance)
        .Add(ApiProduct.Ecs, nameof(DeleteInstance), DeleteInstance, SupportLevel.Supported,
            "Deletes disks marked DeleteWithInstance and detaches the others; a running instance needs Force=true.")
        .Add(ApiProduct.Ecs, nameof(DeleteInstances), DeleteInstances)
        .Add(ApiProduct.Ecs, nameof(AttachDisk), AttachDisk, SupportLevel.Supported, "An encrypted disk's key must be Enabled.")
        .Add(ApiProduct.Ecs, nameof(DetachDisk), DetachDisk);

    public Task<ActionResult> RunInstances(ActionContext context, CancellationToken cancellationToken) =>
        LaunchAsync(context, start: true, cancellationToken);

    public Task<ActionResult> CreateInstance(ActionContext context, CancellationToken cancellationToken) =>
        LaunchAsync(context, start: false, cancellationToken);

    public Task<ActionResult> DescribeInstances(ActionContext context, CancellationToken cancellationToken) =>
        ListingResponses.DescribeAsync(context, ReadInstanceQuery(context.Parameters),
            query => service.DescribeInstancesAsync(context.Caller, query, cancellationToken),
            instances => ("Instances", new { Instance = instances.Select(instance => InstanceResponse(instance, time.GetUtcNow())).ToArray() }));

    public Task<ActionResult> StartInstance(ActionContext context, CancellationToken cancellationToken) =>
        WithInstanceIdAsync(context, async instanceId => (await service.StartAsync(context.Caller, instanceId, cancellationToken)).ToEmptyResponse());

    public Task<ActionResult> StopInstance(ActionContext context, CancellationToken cancellationToken) =>
        WithInstanceIdAsync(context, async instanceId => (await service.StopAsync(context.Caller, instanceId, cancellationToken)).ToEmptyResponse());

    public Task<ActionResult> DeleteInstance(ActionContext context, CancellationToken cancellationToken) =>
        WithInstanceIdAsync(context, async instanceId =>
        {
            var force = context.Parameters.OptionalBoolean("Force");
            var dryRun = context.Parameters.DryRun();
            var failure = force.Error ?? dryRun.Error;
            if (failure is not null)
            {
                return failure;
            }

            var result = await service.DeleteAsync(context.Caller, [instanceId], null, force.Value ?? false, dryRun.Value, cancellationToken);
            return result.ToEmptyResponse();
        });

    public async Task<ActionResult> DeleteInstances(ActionContext context, CancellationToken cancellationToken)
    {
        var regionId = context.Parameters.Required("RegionId");
        var force = context.Parameters.OptionalBoolean("Force");
        var dryRun = context.Parameters.DryRun();
        var failure = regionId.Error ?? force.Error ?? dryRun.Error;
        if (failure is not null)
        {
            return failure;
        }

        var ids = Enumerable.Range(1, 100).Select(index => context.Parameters[$"InstanceId.{index}"]).TakeWhile(id => !string.IsNullOrEmpty(id))
            .Select(id => id!).Distinct().ToList();
        if (ids.Count == 0)
        {
            return ErrorCatalog.MissingParameter.Format("InstanceId.1");
        }

        var result = await service.DeleteAsync(context.Caller, ids, regionId.Value, force.Value ?? false, dryRun.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> AttachDisk(ActionContext context, CancellationToken cancellationToken)
    {
        var diskId = context.Parameters.Required("DiskId", 128);
        var instanceId = context.Parameters.Required("InstanceId", 128);
        var deleteWithInstance = context.Parameters.OptionalBoolean("DeleteWithInstance");
        var failure = diskId.Error ?? instanceId.Error ?? deleteWithInstance.Error;
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.AttachDiskAsync(context.Caller, diskId.Value, instanceId.Value, deleteWithInstance.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    public async Task<ActionResult> DetachDisk(ActionContext context, CancellationToken cancellationToken)
    {
        var diskId = context.Parameters.Required("DiskId", 128);
        var instanceId = context.Parameters.Required("InstanceId", 128);
        var failure = diskId.Error ?? instanceId.Error;
        if (failure is not null)
        {
            return failure;
        }

        var result = await service.DetachDiskAsync(context.Caller, diskId.Value, instanceId.Value, cancellationToken);
        return result.ToEmptyResponse();
    }

    private async Task<ActionResult> LaunchAsync(ActionContext context, bool start, CancellationToken cancellationToken)
    {
        var input = ReadLaunch(context.Parameters, start);
        if (!input.IsSuccess)
        {
            return input.Error;
        }

        var ids = await service.LaunchAsync(context.Caller, input.Value, cancellationToken);
        return start
            ? ids.ToResponse(created => new { InstanceIdSets = new { InstanceIdSet = created.ToArray() }, TradePrice = 0 })
            : ids.ToResponse(created => new { InstanceId = created[0], TradePrice = 0 });
    }

    private static object InstanceResponse(Instance instance, DateTimeOffset now) => new
    {
        InstanceId = instance.Id,
        InstanceName = instance.Name,
        instance.Description,
        instance.RegionId,
        instance.ZoneId,
        instance.InstanceType,
        InstanceTypeFamily = string.Join('.', instance.InstanceType.Split('.').Take(2)),
        instance.ImageId,
        Status = instance.StatusAt(now),
        CreationTime = WireFormat.Time(instance.CreationTime),
        InstanceChargeType = "PostPaid",
        InstanceNetworkType = "vpc",
        OSType = "linux",
        Tags = new { Tag = instance.Tags.Select(tag => new { TagKey = tag.Key, TagValue = tag.Value }).ToArray() },
    };

    private static Result<LaunchInput> ReadLaunch(RequestParameters parameters, bool start)
    {
        var regionId = parameters.Required("RegionId");
        var amount = start ? parameters.OptionalInt32("Amount", 1, InstanceService.MaxAmount) : Result<int?>.Success(1);
        var systemDisk = ReadDisk(parameters, "SystemDisk.", deleteWithInstanceDefault: true);
        var dataDisks = ReadDataDisks(parameters);
        var tags = parameters.Tags();
        var clientToken = parameters.ClientToken();
        var dryRun = parameters.DryRun();
        var failure = regionId.Error ?? amount.Error ?? systemDisk.Error ?? dataDisks.Error ?? tags.Error ?? clientToken.Error ?? dryRun.Error;
        if (failure is not null)
        {
            return failure;
        }

        var imageId = parameters["ImageId"];
        var instanceType = parameters["InstanceType"];
        if (string.IsNullOrEmpty(imageId))
        {
            return ErrorCatalog.ImageIdMissing;
        }

        if (string.IsNullOrEmpty(instanceType))
        {
            return ErrorCatalog.InstanceTypeMissing;
        }

        if (!InstanceTypePattern().IsMatch(instanceType))
        {
            return ErrorCatalog.InstanceTypeNotValid;
        }

        return new LaunchInput(regionId.Value, parameters["ZoneId"] is { Length: > 0 } zone ? zone : null, imageId, instanceType, amount.Value ?? 1,
            parameters["InstanceName"] ?? "", parameters["Description"] ?? "", systemDisk.Value, dataDisks.Value, tags.Value, start, dryRun.Value,
            clientToken.Value, RequestFingerprint.Compute(parameters));
    }

    private static Result<IReadOnlyList<DiskRequest>> ReadDataDisks(RequestParameters parameters)
    {
        var disks = new List<DiskRequest>();
        for (var index = 1; parameters.Names.Any(name => name.StartsWith($"DataDisk.{index}.", StringComparison.Ordinal)); index++)
        {
            if (index > InstanceService.MaxDataDisks)
            {
                return ErrorCatalog.DataDiskCountExceeded;
            }

            var disk = ReadDisk(parameters, $"DataDisk.{index}.", deleteWithInstanceDefault: true);
            if (!disk.IsSuccess)
            {
                return disk.Error;
            }

            disks.Add(disk.Value);
        }

        return disks;
    }

    /// <summary>Reads the fields of <c>SystemDisk.*</c> or <c>DataDisk.N.*</c>; Encrypted arrives as the string "true" or "false".</summary>
    private static Result<DiskRequest> ReadDisk(RequestParameters parameters, string prefix, bool deleteWithInstanceDefault)
    {
        var category = parameters[prefix + "Category"] is { Length: > 0 } value ? value : DefaultCategory;
        if (DiskCategory.Find(category) is not { } diskCategory)
        {
            return ErrorCatalog.DiskCategoryNotValid;
        }

        var level = parameters[prefix + "PerformanceLevel"] is { Length: > 0 } pl ? pl : null;
        if (level is not null && diskCategory.PerformanceLevelMinSizes?.ContainsKey(level) != true)
        {
            return ErrorCatalog.InvalidParameter.Format(prefix + "PerformanceLevel");
        }

        var size = parameters.OptionalInt32(prefix + "Size", 1, 65_536);
        var encrypted = parameters.Encrypted(prefix + "Encrypted");
        var keyId = parameters.Optional(prefix + "KMSKeyId", 512);
        var deleteWithInstance = parameters.OptionalBoolean(prefix + "DeleteWithInstance");
        var failure = size.Error ?? encrypted.Error ?? keyId.Error ?? deleteWithInstance.Error;
        if (failure is not null)
        {
            return failure;
        }

        if (!EcsParameters.IsValidName(parameters[prefix + "DiskName"]))
        {
            return ErrorCatalog.DiskNameMalformed;
        }

        return new DiskRequest(category, level, size.Value, parameters[prefix + "SnapshotId"] is { Length: > 0 } snapshot ? snapshot : null,
            encrypted.Value, string.IsNullOrEmpty(keyId.Value) ? null : keyId.Value, parameters[prefix + "DiskName"] ?? "",
            parameters[prefix + "Description"] ?? "", deleteWithInstance.Value ?? deleteWithInstanceDefault);
    }

    private static Result<InstanceQuery> ReadInstanceQuery(RequestParameters parameters)
    {
        var regionId = parameters.Required("RegionId");
        var paging = ListingParameters.Read(parameters);
        var instanceIds = parameters.JsonIds("InstanceIds");
        var tags = parameters.TagFilters();
        var failure = regionId.Error ?? paging.Error ?? instanceIds.Error ?? tags.Error;
        if (failure is not null)
        {
            return failure;
        }

        var status = parameters["Status"] is { Length: > 0 } value ? value : null;
        if (status is not (null or InstanceStatuses.Pending or InstanceStatuses.Running or InstanceStatuses.Stopped or "Starting" or "Stopping"))
        {
            return ErrorCatalog.InvalidParameter.Format("Status");
        }

        var (offset, limit, after) = paging.Value;
        return new InstanceQuery(string.Empty, regionId.Value, default, limit, offset, after, instanceIds.Value,
            parameters["ZoneId"] is { Length: > 0 } zone ? zone : null, status, parameters["InstanceName"] is { Length: > 0 } name ? name : null,
            parameters["ImageId"] is { Length: > 0 } image ? image : null, tags.Value);
    }

    private static Task<ActionResult> WithInstanceIdAsync(ActionContext context, Func<string, Task<ActionResult>> action)
    {
        var instanceId = context.Parameters.Required("InstanceId", 128);
        return instanceId.IsSuccess ? action(instanceId.Value) : Task.FromResult(ActionResult.Fail(instanceId.Error));
    }

    [GeneratedRegex("^ecs\\.[a-z0-9-]+\\.[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceTypePattern();
}
