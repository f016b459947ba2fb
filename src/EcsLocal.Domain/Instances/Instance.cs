using EcsLocal.Domain.Disks;

namespace EcsLocal.Domain.Instances;

public static class InstanceStatuses
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Stopped = "Stopped";
}

/// <summary>
/// An ECS instance, modelled as far as its disks need it: placement, image, state and the disks attached to it.
/// </summary>
/// <param name="ReadyAt">When an instance in Pending becomes Running.</param>
public sealed record Instance(
    string Id,
    string AccountId,
    string RegionId,
    string ZoneId,
    string InstanceType,
    string ImageId,
    string Name,
    string Description,
    string Status,
    DateTimeOffset CreationTime,
    DateTimeOffset ReadyAt,
    IReadOnlyList<ResourceTag> Tags)
{
    public string StatusAt(DateTimeOffset now) => Status == InstanceStatuses.Pending && ReadyAt <= now ? InstanceStatuses.Running : Status;
}
