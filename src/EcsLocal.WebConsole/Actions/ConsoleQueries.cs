using System.Text.Json;
using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.WebConsole.Actions;

/// <summary>Default encryption of one region as the console shows it.</summary>
/// <param name="DefaultKeyId">The stored default key id; empty while the feature was never enabled in the region.</param>
public sealed record RegionEncryption(Region Region, bool Enabled, string DefaultKeyId);

/// <summary>A KMS key that ECS may use for disks, with its alias names for display.</summary>
public sealed record KeyChoice(string KeyId, IReadOnlyList<string> Aliases)
{
    public bool IsServiceKey => Aliases.Contains(KeyRules.ServiceKeyAliasName);

    public string Label => Aliases.Count == 0 ? KeyId : $"{string.Join(", ", Aliases)} ({KeyId})";
}

/// <summary>The keys of a region that the console offers, or the error that kept it from listing them.</summary>
public sealed record KeyChoices(IReadOnlyList<KeyChoice> Keys, ConsoleError? Error)
{
    public string LabelOf(string keyId) => Keys.FirstOrDefault(key => key.KeyId == keyId)?.Label ?? keyId;
}

/// <summary>The reads that several console pages share, each made of API actions run as the signed-in caller.</summary>
public sealed class ConsoleQueries(ConsoleActions actions)
{
    private const int KeyPageSize = 100;
    private static readonly string s_usableKeyFilters = JsonSerializer.Serialize(new object[]
    {
        new { Key = "KeyState", Values = new[] { "Enabled" } },
        new { Key = "KeySpec", Values = KeySpec.All.Where(spec => spec.IsSymmetric).Select(spec => spec.Name).ToArray() },
    });

    /// <summary>Reads the default encryption state and key of one region.</summary>
    public async Task<(RegionEncryption? Setting, ConsoleError? Error)> RegionEncryptionAsync(
        Caller caller, Region region, string sourceIp, CancellationToken cancellationToken)
    {
        var parameters = new[] { ("RegionId", (string?)region.Id) };
        var status = await actions.EcsAsync(caller, "DescribeDiskEncryptionByDefaultStatus", parameters, sourceIp, cancellationToken);
        if (!status.IsSuccess)
        {
            return (null, FriendlyErrors.Describe(status.Error!, status.RequestId));
        }

        var key = await actions.EcsAsync(caller, "DescribeDiskDefaultKMSKeyId", parameters, sourceIp, cancellationToken);
        if (!key.IsSuccess)
        {
            return (null, FriendlyErrors.Describe(key.Error!, key.RequestId));
        }

        return (new RegionEncryption(region, status.Body.GetProperty("Encrypted").GetBoolean(), key.Body.GetProperty("KMSKeyId").GetString()!), null);
    }

    /// <summary>Reads every region's default encryption; stops at the first error, which is the same for every region.</summary>
    public async Task<(IReadOnlyList<RegionEncryption> Regions, ConsoleError? Error)> AllRegionEncryptionAsync(
        Caller caller, string sourceIp, CancellationToken cancellationToken)
    {
        var settings = new List<RegionEncryption>();
        foreach (var region in RegionCatalog.All)
        {
            var (setting, error) = await RegionEncryptionAsync(caller, region, sourceIp, cancellationToken);
            if (error is not null)
            {
                return (settings, error);
            }

            settings.Add(setting!);
        }

        return (settings, null);
    }

    /// <summary>
    /// Lists the Enabled symmetric keys of a region, which are the keys ECS can encrypt disks with, and their aliases.
    /// Key states and specs come from KMS ListKeys filters; the service key is listed only once it exists.
    /// </summary>
    public async Task<KeyChoices> UsableKeysAsync(Caller caller, string regionId, string sourceIp, CancellationToken cancellationToken)
    {
        var keyIds = new List<string>();
        for (var page = 1; ; page++)
        {
            var listed = await actions.KmsAsync(caller, regionId, "ListKeys",
                [("PageNumber", page.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("PageSize", "100"), ("Filters", s_usableKeyFilters)],
                sourceIp, cancellationToken);
            if (!listed.IsSuccess)
            {
                return new KeyChoices([], FriendlyErrors.Describe(listed.Error!, listed.RequestId));
            }

            var keys = listed.Body.GetProperty("Keys").GetProperty("Key").EnumerateArray().Select(key => key.GetProperty("KeyId").GetString()!).ToList();
            keyIds.AddRange(keys);
            if (keys.Count < KeyPageSize || keyIds.Count >= listed.Body.GetProperty("TotalCount").GetInt32())
            {
                break;
            }
        }

        var aliases = await AliasesAsync(caller, regionId, sourceIp, cancellationToken);
        return new KeyChoices(keyIds.Select(id => new KeyChoice(id, aliases.GetValueOrDefault(id) ?? [])).ToList(), null);
    }

    /// <summary>
    /// Returns the alias names of each key in the region. A caller whose policies do not allow ListAliases still gets
    /// its keys, shown by id only, so this returns an empty table on any error.
    /// </summary>
    public async Task<Dictionary<string, List<string>>> AliasesAsync(Caller caller, string regionId, string sourceIp, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var listed = await actions.KmsAsync(caller, regionId, "ListAliases",
                [("PageNumber", page.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("PageSize", "100")], sourceIp, cancellationToken);
            if (!listed.IsSuccess)
            {
                return aliases;
            }

            var items = listed.Body.GetProperty("Aliases").GetProperty("Alias").EnumerateArray().ToList();
            foreach (var alias in items)
            {
                var keyId = alias.GetProperty("KeyId").GetString()!;
                if (!aliases.TryGetValue(keyId, out var names))
                {
                    aliases[keyId] = names = [];
                }

                names.Add(alias.GetProperty("AliasName").GetString()!);
            }

            if (items.Count < KeyPageSize)
            {
                return aliases;
            }
        }
    }
}
