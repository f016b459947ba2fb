namespace EcsLocal.Domain.Encryption;

/// <summary>The kind of resource whose encryption the engine decides.</summary>
public enum EncryptionOperation
{
    /// <summary>A disk of CreateDisk, or a system or data disk of RunInstances and CreateInstance.</summary>
    NewDisk,

    /// <summary>A snapshot of a disk (CreateSnapshot).</summary>
    SnapshotFromDisk,

    /// <summary>A copy of a snapshot (CopySnapshot).</summary>
    SnapshotCopy,

    /// <summary>A copy of an image (CopyImage).</summary>
    ImageCopy,

    /// <summary>One disk mapping of a new image, made from an instance disk or a snapshot (CreateImage).</summary>
    ImageFromSource,
}

/// <summary>
/// The <c>Encrypted</c> parameter as sent. <see cref="False"/> and <see cref="Omitted"/> both mean encryption is
/// not requested, and neither causes a rejection by itself, because widely used clients send <c>false</c> on every call.
/// </summary>
public enum EncryptedParameter
{
    Omitted,
    True,
    False,
}

/// <summary>Whether the calling account owns a source or another account shared it.</summary>
public enum SourceOwnership
{
    Own,
    Shared,
}

/// <summary>The disk, snapshot or image that a new resource is made from.</summary>
/// <param name="KeyId">The source's key, set whenever <paramref name="Encrypted"/> is true.</param>
/// <param name="RegionId">The region the source lives in.</param>
public sealed record EncryptionSource(SourceOwnership Ownership, bool Encrypted, string? KeyId, string RegionId);

/// <summary>The default encryption setting of the calling account in the target region.</summary>
/// <param name="DefaultKeyId">The stored default key, set whenever <paramref name="Enabled"/> is true.</param>
public sealed record RegionDefault(bool Enabled, string? DefaultKeyId)
{
    public static readonly RegionDefault Off = new(false, null);
}

/// <summary>The facts the engine needs to decide whether a new resource is encrypted and with which key.</summary>
/// <param name="Source">The source of the new resource, or null for a new empty disk.</param>
/// <param name="SpecifiedKeyId">
/// The <c>KMSKeyId</c> of the request, already resolved to a key id. The caller checks that the key is usable.
/// </param>
/// <param name="TargetDefault">
/// The default encryption setting of the region where the new resource lives (for copies, the destination region).
/// </param>
/// <param name="TargetRegionId">The region where the new resource lives (for copies, the destination region).</param>
/// <param name="DiskCategory">
/// The effective category of a new disk, with the default <c>cloud</c> applied, or null for other operations.
/// </param>
public sealed record EncryptionRequest(
    EncryptionOperation Operation,
    EncryptionSource? Source,
    EncryptedParameter Encrypted,
    string? SpecifiedKeyId,
    RegionDefault TargetDefault,
    string TargetRegionId,
    string? DiskCategory);
