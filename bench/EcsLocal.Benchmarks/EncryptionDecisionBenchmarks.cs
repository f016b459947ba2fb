using BenchmarkDotNet.Attributes;
using EcsLocal.Domain.Encryption;

namespace EcsLocal.Benchmarks;

/// <summary>
/// Measures <see cref="EncryptionDecisionEngine.Decide"/> over a fixed mix of requests: new disks, copies,
/// snapshots and image disks, with both successful decisions and rejections.
/// </summary>
[MemoryDiagnoser]
public class EncryptionDecisionBenchmarks
{
    /// <summary>The number of decisions one call of <see cref="DecideMix"/> makes.</summary>
    public const int RequestCount = 16;

    private const string Region = "cn-hangzhou";
    private const string OtherRegion = "cn-shanghai";

    private static readonly RegionDefault s_on = new(true, "key-region-default");
    private static readonly RegionDefault s_off = new(false, "key-region-default");
    private static readonly EncryptionSource s_ownPlain = new(SourceOwnership.Own, false, null, Region);
    private static readonly EncryptionSource s_ownEncrypted = new(SourceOwnership.Own, true, "key-own", Region);
    private static readonly EncryptionSource s_sharedEncrypted = new(SourceOwnership.Shared, true, "key-owner", Region);
    private static readonly EncryptionSource s_remotePlain = new(SourceOwnership.Own, false, null, OtherRegion);
    private static readonly EncryptionSource s_remoteEncrypted = new(SourceOwnership.Own, true, "key-own", OtherRegion);

    private static readonly EncryptionRequest[] s_requests =
    [
        new(EncryptionOperation.NewDisk, null, EncryptedParameter.Omitted, null, s_off, Region, "cloud_essd"),
        new(EncryptionOperation.NewDisk, null, EncryptedParameter.False, null, s_on, Region, "cloud_essd"),
        new(EncryptionOperation.NewDisk, null, EncryptedParameter.True, "key-specified", s_off, Region, "cloud_auto"),
        new(EncryptionOperation.NewDisk, null, EncryptedParameter.False, "key-specified", s_off, Region, "cloud_essd"),
        new(EncryptionOperation.NewDisk, s_ownEncrypted, EncryptedParameter.Omitted, null, s_on, Region, "cloud_essd"),
        new(EncryptionOperation.NewDisk, s_sharedEncrypted, EncryptedParameter.True, null, s_off, Region, "cloud_essd_entry"),
        new(EncryptionOperation.NewDisk, s_ownPlain, EncryptedParameter.Omitted, null, s_on, Region, "cloud_efficiency"),
        new(EncryptionOperation.SnapshotFromDisk, s_ownEncrypted, EncryptedParameter.Omitted, null, s_on, Region, null),
        new(EncryptionOperation.SnapshotCopy, s_remotePlain, EncryptedParameter.Omitted, null, s_on, Region, null),
        new(EncryptionOperation.SnapshotCopy, s_remoteEncrypted, EncryptedParameter.True, "key-specified", s_off, Region, null),
        new(EncryptionOperation.SnapshotCopy, s_remoteEncrypted, EncryptedParameter.False, null, s_off, Region, null),
        new(EncryptionOperation.ImageCopy, s_ownPlain, EncryptedParameter.Omitted, null, s_off, Region, null),
        new(EncryptionOperation.ImageCopy, s_remotePlain, EncryptedParameter.True, null, s_on, Region, null),
        new(EncryptionOperation.ImageFromSource, s_ownEncrypted, EncryptedParameter.Omitted, null, s_off, Region, null),
        new(EncryptionOperation.ImageFromSource, s_ownPlain, EncryptedParameter.Omitted, null, s_on, Region, null),
        new(EncryptionOperation.ImageFromSource, s_sharedEncrypted, EncryptedParameter.Omitted, null, s_off, Region, null),
    ];

    [GlobalSetup]
    public void CheckRequestCount()
    {
        if (s_requests.Length != RequestCount)
        {
            throw new InvalidOperationException($"The mix has {s_requests.Length} requests but RequestCount is {RequestCount}.");
        }
    }

    /// <summary>Decides every request of the mix once and returns how many were encrypted, so no call is optimized away.</summary>
    [Benchmark(OperationsPerInvoke = RequestCount)]
    public int DecideMix()
    {
        var encrypted = 0;
        foreach (var request in s_requests)
        {
            var result = EncryptionDecisionEngine.Decide(request);
            if (result.IsSuccess && result.Value.Encrypted)
            {
                encrypted++;
            }
        }

        return encrypted;
    }
}
