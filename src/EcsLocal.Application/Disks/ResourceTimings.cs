using System.Security.Cryptography;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Regions;

namespace EcsLocal.Application.Disks;

/// <summary>How long new resources stay in their transitional state before they become ready.</summary>
public sealed record ResourceTimings(TimeSpan DiskCreation, TimeSpan SnapshotCreation)
{
    public static readonly ResourceTimings Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
}

internal static class NewIds
{
    public static string Create(string prefix, Region region) =>
        ResourceIds.Format(prefix, region, RandomNumberGenerator.GetString(ResourceIds.RandomAlphabet, ResourceIds.RandomLength));

    /// <summary>Returns a random 16-digit id without a leading zero, the form of account, RAM user and role ids.</summary>
    public static string SixteenDigits() => RandomNumberGenerator.GetString("123456789", 1) + RandomNumberGenerator.GetString("0123456789", 15);
}
