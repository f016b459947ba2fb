using EcsLocal.Application.Storage;
using EcsLocal.Domain.Encryption;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.WebConsole.Actions;

/// <summary>The kinds of resource whose key reason the console shows, because the wording of a reason depends on the kind.</summary>
public enum KeyedResource
{
    Disk,
    Snapshot,
    Image,
}

/// <summary>
/// Reads why encrypted disks, snapshots and image disks got their keys, as the decision engine recorded it. The API
/// has no field for it, so the console reads it from the store. Pages pass only ids that a Describe action, run as
/// the same caller, has just returned, and resources of other accounts are skipped, so a shared snapshot or image
/// never shows its owner's reason.
/// </summary>
public sealed class KeyReasonQueries(IStore store)
{
    /// <summary>Returns the key reason of each of the caller's disks among <paramref name="diskIds"/>.</summary>
    public Task<Dictionary<string, KeyReason>> DiskKeyReasonsAsync(Caller caller, IReadOnlyList<string> diskIds, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
        {
            var reasons = new Dictionary<string, KeyReason>(StringComparer.Ordinal);
            foreach (var diskId in diskIds)
            {
                if (await session.GetDiskAsync(diskId) is { KeyReason: { } reason } disk && disk.AccountId == caller.AccountId)
                {
                    reasons[diskId] = reason;
                }
            }

            return reasons;
        }, cancellationToken);

    /// <summary>Returns the key reason of each of the caller's snapshots among <paramref name="snapshotIds"/>.</summary>
    public Task<Dictionary<string, KeyReason>> SnapshotKeyReasonsAsync(
        Caller caller, IReadOnlyList<string> snapshotIds, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
        {
            var reasons = new Dictionary<string, KeyReason>(StringComparer.Ordinal);
            foreach (var snapshotId in snapshotIds)
            {
                if (await session.GetSnapshotAsync(snapshotId) is { KeyReason: { } reason } snapshot && snapshot.AccountId == caller.AccountId)
                {
                    reasons[snapshotId] = reason;
                }
            }

            return reasons;
        }, cancellationToken);

    /// <summary>
    /// Returns the key reasons of the encrypted disk mappings of the caller's own images in the region, by image id
    /// and then by device name. System images and images shared by other accounts get no entry.
    /// </summary>
    public Task<Dictionary<string, Dictionary<string, KeyReason>>> ImageKeyReasonsAsync(
        Caller caller, string regionId, IReadOnlyList<string> imageIds, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
        {
            var reasons = new Dictionary<string, Dictionary<string, KeyReason>>(StringComparer.Ordinal);
            foreach (var imageId in imageIds)
            {
                if (await session.GetImageAsync(regionId, imageId) is not { } image || image.IsSystem || image.AccountId != caller.AccountId)
                {
                    continue;
                }

                reasons[imageId] = image.Mappings
                    .Where(mapping => mapping.KeyReason is not null)
                    .ToDictionary(mapping => mapping.Device, mapping => mapping.KeyReason!.Value, StringComparer.Ordinal);
            }

            return reasons;
        }, cancellationToken);

    /// <summary>
    /// Describes a key reason in a sentence. A snapshot or image gets a specified key only from CopySnapshot or
    /// CopyImage, and a source key only from its disk or snapshot, so the wording depends on the kind of resource.
    /// </summary>
    public static string Explain(KeyReason reason, KeyedResource resource) => (reason, resource) switch
    {
        (KeyReason.Specified, KeyedResource.Disk) => "Key chosen when the disk was created",
        (KeyReason.Specified, _) => "Key chosen in the copy request",
        (KeyReason.Source, KeyedResource.Disk) => "Key of the source snapshot",
        (KeyReason.Source, KeyedResource.Snapshot) => "Key of the source disk",
        (KeyReason.Source, KeyedResource.Image) => "Key of the source disk or snapshot",
        (KeyReason.RegionDefault, _) => "Default key of the region (default encryption on)",
        (KeyReason.ServiceKey, _) => "Service key (alias/acs/ecs), as no other key applied",
        _ => reason.ToString(),
    };
}
