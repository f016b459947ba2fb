using System.Globalization;
using System.Text.Json;
using EcsLocal.Domain.Kms;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.WebConsole.Actions;

/// <summary>A KMS key as the keys pages show it, read from DescribeKey.</summary>
/// <param name="CreationDate">The creation time as the API returns it, in UTC (yyyy-MM-ddTHH:mm:ssZ).</param>
/// <param name="DeleteDate">When a key pending deletion is deleted, or null in other states.</param>
public sealed record KeyDetails(
    string KeyId, string State, string Spec, string Usage, string Origin, string CreationDate, string Description, string? DeleteDate, string Creator)
{
    /// <summary>Whether this is the region's service key, which ECS creates and manages and users cannot change.</summary>
    public bool IsServiceKey => Creator == KmsKey.ServiceCreator;
}

/// <summary>One page of ListKeys with the details and aliases of each key.</summary>
public sealed record KeyPage(IReadOnlyList<(KeyDetails Key, IReadOnlyList<string> Aliases)> Keys, int TotalCount);

/// <summary>The KMS reads of the keys pages, each made of API actions run as the signed-in caller.</summary>
public sealed class KeyQueries(ConsoleActions actions, ConsoleQueries queries)
{
    /// <summary>Lists one page of the region's keys, optionally only those in <paramref name="state"/>, with DescribeKey for each.</summary>
    public async Task<(KeyPage? Page, ConsoleError? Error)> ListPageAsync(
        Caller caller, string regionId, string? state, int pageNumber, int pageSize, string sourceIp, CancellationToken cancellationToken)
    {
        var filters = state is null ? null : JsonSerializer.Serialize(new[] { new { Key = "KeyState", Values = new[] { state } } });
        var listed = await actions.KmsAsync(caller, regionId, "ListKeys",
            [("PageNumber", pageNumber.ToString(CultureInfo.InvariantCulture)), ("PageSize", pageSize.ToString(CultureInfo.InvariantCulture)),
             ("Filters", filters)],
            sourceIp, cancellationToken);
        if (!listed.IsSuccess)
        {
            return (null, FriendlyErrors.Describe(listed.Error!, listed.RequestId));
        }

        var aliases = await queries.AliasesAsync(caller, regionId, sourceIp, cancellationToken);
        var keys = new List<(KeyDetails, IReadOnlyList<string>)>();
        foreach (var listedKey in listed.Body.GetProperty("Keys").GetProperty("Key").EnumerateArray())
        {
            var keyId = listedKey.GetProperty("KeyId").GetString()!;
            var (details, error) = await DescribeAsync(caller, regionId, keyId, sourceIp, cancellationToken);
            if (error is not null)
            {
                return (null, error);
            }

            keys.Add((details!, aliases.GetValueOrDefault(keyId) ?? []));
        }

        return (new KeyPage(keys, listed.Body.GetProperty("TotalCount").GetInt32()), null);
    }

    /// <summary>Reads one key with DescribeKey.</summary>
    public async Task<(KeyDetails? Key, ConsoleError? Error)> DescribeAsync(
        Caller caller, string regionId, string keyId, string sourceIp, CancellationToken cancellationToken)
    {
        var described = await actions.KmsAsync(caller, regionId, "DescribeKey", [("KeyId", keyId)], sourceIp, cancellationToken);
        if (!described.IsSuccess)
        {
            return (null, FriendlyErrors.Describe(described.Error!, described.RequestId));
        }

        var metadata = described.Body.GetProperty("KeyMetadata");
        return (new KeyDetails(
            metadata.GetProperty("KeyId").GetString()!,
            metadata.GetProperty("KeyState").GetString()!,
            metadata.GetProperty("KeySpec").GetString()!,
            metadata.GetProperty("KeyUsage").GetString()!,
            metadata.GetProperty("Origin").GetString()!,
            metadata.GetProperty("CreationDate").GetString()!,
            metadata.GetProperty("Description").GetString()!,
            metadata.TryGetProperty("DeleteDate", out var deleteDate) ? deleteDate.GetString() : null,
            metadata.GetProperty("Creator").GetString()!), null);
    }
}
