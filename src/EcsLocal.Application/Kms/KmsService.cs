using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Kms;

/// <summary>Filters of ListKeys, as decoded from its <c>Filters</c> JSON parameter.</summary>
public sealed record KeyFilters(
    IReadOnlyList<string>? KeyStates,
    IReadOnlyList<string>? KeySpecs,
    IReadOnlyList<string>? KeyUsages,
    IReadOnlyList<string>? ProtectionLevels,
    bool? ServiceKeys,
    IReadOnlyList<string>? AliasNames);

/// <summary>
/// KMS key management of one account in one region: activation, keys, their states and aliases.
/// Every method is one store transaction.
/// </summary>
public sealed class KmsService(IStore store, TimeProvider time)
{
    public const string AccountStatusEnabled = "Enabled";
    public const string AccountStatusNotEnabled = "NotEnabled";

    public Task<Result<Unit>> OpenKmsServiceAsync(Caller caller, string regionId, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            if (!RegionCatalog.Exists(regionId))
            {
                return Result<Unit>.Failure(ErrorCatalog.InvalidRegionIdNotFound);
            }

            if (!await session.IsKmsActivatedAsync(caller.AccountId, regionId))
            {
                await session.ActivateKmsAsync(caller.AccountId, regionId, time.GetUtcNow());
            }

            return Unit.Value;
        }, cancellationToken);

    public async Task<Result<string>> DescribeAccountKmsStatusAsync(Caller caller, string regionId, CancellationToken cancellationToken)
    {
        if (!RegionCatalog.Exists(regionId))
        {
            return ErrorCatalog.InvalidRegionIdNotFound;
        }

        var activated = await store.ReadAsync(session => session.IsKmsActivatedAsync(caller.AccountId, regionId), cancellationToken);
        return activated ? AccountStatusEnabled : AccountStatusNotEnabled;
    }

    public Task<Result<KmsKey>> CreateKeyAsync(Caller caller, string regionId, CreateKeyInput input, CancellationToken cancellationToken)
    {
        var settings = KeyRules.ValidateCreate(input);
        if (!settings.IsSuccess)
        {
            return Task.FromResult(Result<KmsKey>.Failure(settings.Error));
        }

        return InActivatedRegionAsync<KmsKey>(caller, regionId, async (session, now) =>
        {
            var value = settings.Value;
            var key = new KmsKey(
                Id: KeyLookup.NewKeyId(),
                AccountId: caller.AccountId,
                RegionId: regionId,
                KeySpec: value.KeySpec,
                KeyUsage: value.KeyUsage,
                Origin: value.Origin,
                ProtectionLevel: value.ProtectionLevel,
                Description: value.Description,
                State: value.Origin == KeyOrigins.External ? KeyState.PendingImport : KeyState.Enabled,
                Creator: caller.AccountId,
                IsServiceKey: false,
                CreationDate: now,
                DeleteDate: null,
                PrimaryKeyVersion: value.Origin == KeyOrigins.External ? "" : KeyLookup.NewKeyId(),
                AutomaticRotation: value.AutomaticRotation,
                RotationIntervalSeconds: value.RotationIntervalSeconds,
                DeletionProtection: false,
                DeletionProtectionDescription: "");
            await session.InsertKeyAsync(key);
            return key;
        }, cancellationToken);
    }

    public Task<Result<KmsKey>> DescribeKeyAsync(Caller caller, string regionId, string keyId, CancellationToken cancellationToken) =>
        InActivatedRegionAsync(caller, regionId, (session, _) => KeyLookup.ResolveAsync(session, caller.AccountId, regionId, keyId), cancellationToken);

    public Task<Result<Page<KmsKey>>> ListKeysAsync(
        Caller caller, string regionId, int pageNumber, int pageSize, KeyFilters filters, CancellationToken cancellationToken) =>
        InActivatedRegionAsync(caller, regionId, async (session, _) =>
        {
            var query = new KeyQuery(caller.AccountId, regionId, pageNumber, pageSize, filters.KeyStates, filters.KeySpecs,
                filters.KeyUsages, filters.ProtectionLevels, filters.ServiceKeys, filters.AliasNames);
            return Result<Page<KmsKey>>.Success(await session.ListKeysAsync(query));
        }, cancellationToken);

    public Task<Result<KmsKey>> EnableKeyAsync(Caller caller, string regionId, string keyId, CancellationToken cancellationToken) =>
        ChangeKeyAsync(caller, regionId, keyId, (key, _) => KeyRules.Enable(key), cancellationToken);

    public Task<Result<KmsKey>> DisableKeyAsync(Caller caller, string regionId, string keyId, CancellationToken cancellationToken) =>
        ChangeKeyAsync(caller, regionId, keyId, (key, _) => KeyRules.Disable(key), cancellationToken);

    public Task<Result<KmsKey>> ScheduleKeyDeletionAsync(
        Caller caller, string regionId, string keyId, int pendingWindowInDays, CancellationToken cancellationToken) =>
        ChangeKeyAsync(caller, regionId, keyId, (key, now) => KeyRules.ScheduleDeletion(key, pendingWindowInDays, now), cancellationToken);

    public Task<Result<KmsKey>> CancelKeyDeletionAsync(Caller caller, string regionId, string keyId, CancellationToken cancellationToken) =>
        ChangeKeyAsync(caller, regionId, keyId, (key, _) => KeyRules.CancelDeletion(key, hasKeyMaterial: key.Origin != KeyOrigins.External || key.PrimaryKeyVersion.Length > 0),
            cancellationToken);

    public Task<Result<KmsKey>> UpdateKeyDescriptionAsync(
        Caller caller, string regionId, string keyId, string description, CancellationToken cancellationToken) =>
        ChangeKeyAsync(caller, regionId, keyId, (key, _) =>
            KeyRules.CheckUserModifiable(key) is { } error
                ? Result<KmsKey>.Failure(error)
                : key with { Description = description }, cancellationToken);

    public Task<Result<KmsKey>> SetDeletionProtectionAsync(
        Caller caller, string regionId, string keyArn, bool enabled, string description, CancellationToken cancellationToken) =>
        ChangeKeyAsync(caller, regionId, keyArn, (key, _) =>
            KeyRules.CheckUserManaged(key) is { } error
                ? Result<KmsKey>.Failure(error)
                : key with { DeletionProtection = enabled, DeletionProtectionDescription = enabled ? description : "" }, cancellationToken);

    public Task<Result<KmsAlias>> CreateAliasAsync(
        Caller caller, string regionId, string aliasName, string keyId, CancellationToken cancellationToken)
    {
        if (KeyRules.ValidateAliasName(aliasName) is { } nameError)
        {
            return Task.FromResult(Result<KmsAlias>.Failure(nameError));
        }

        return InActivatedRegionAsync<KmsAlias>(caller, regionId, async (session, now) =>
        {
            var key = await AliasTargetAsync(session, caller, regionId, keyId);
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            if (await session.GetAliasAsync(caller.AccountId, regionId, aliasName) is not null)
            {
                return ErrorCatalog.AliasAlreadyExists;
            }

            var alias = new KmsAlias(caller.AccountId, regionId, aliasName, key.Value.Id, now);
            await session.InsertAliasAsync(alias);
            return alias;
        }, cancellationToken);
    }

    public Task<Result<KmsAlias>> UpdateAliasAsync(
        Caller caller, string regionId, string aliasName, string keyId, CancellationToken cancellationToken)
    {
        if (KeyRules.ValidateAliasName(aliasName) is { } nameError)
        {
            return Task.FromResult(Result<KmsAlias>.Failure(nameError));
        }

        return InActivatedRegionAsync<KmsAlias>(caller, regionId, async (session, _) =>
        {
            var alias = await session.GetAliasAsync(caller.AccountId, regionId, aliasName);
            if (alias is null)
            {
                return ErrorCatalog.AliasNotFound;
            }

            var key = await AliasTargetAsync(session, caller, regionId, keyId);
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            var updated = alias with { KeyId = key.Value.Id };
            await session.UpdateAliasAsync(updated);
            return updated;
        }, cancellationToken);
    }

    public Task<Result<Unit>> DeleteAliasAsync(Caller caller, string regionId, string aliasName, CancellationToken cancellationToken)
    {
        if (KeyRules.ValidateAliasName(aliasName) is { } nameError)
        {
            return Task.FromResult(Result<Unit>.Failure(nameError));
        }

        return InActivatedRegionAsync(caller, regionId, async (session, _) =>
        {
            var alias = await session.GetAliasAsync(caller.AccountId, regionId, aliasName);
            if (alias is null)
            {
                return Result<Unit>.Failure(ErrorCatalog.AliasNotFound);
            }

            await session.DeleteAliasAsync(alias);
            return Unit.Value;
        }, cancellationToken);
    }

    public Task<Result<Page<KmsAlias>>> ListAliasesAsync(
        Caller caller, string regionId, string? keyId, int pageNumber, int pageSize, CancellationToken cancellationToken) =>
        InActivatedRegionAsync<Page<KmsAlias>>(caller, regionId, async (session, _) =>
        {
            string? resolvedKeyId = null;
            if (keyId is not null)
            {
                var key = await KeyLookup.ResolveAsync(session, caller.AccountId, regionId, keyId);
                if (!key.IsSuccess)
                {
                    return key.Error;
                }

                resolvedKeyId = key.Value.Id;
            }

            return Result<Page<KmsAlias>>.Success(await session.ListAliasesAsync(caller.AccountId, regionId, resolvedKeyId, pageNumber, pageSize));
        }, cancellationToken);

    private static async Task<Result<KmsKey>> AliasTargetAsync(IStoreSession session, Caller caller, string regionId, string keyId)
    {
        var key = await KeyLookup.ResolveAsync(session, caller.AccountId, regionId, keyId);
        if (!key.IsSuccess)
        {
            return key;
        }

        return KeyRules.CheckUserModifiable(key.Value) is { } error ? Result<KmsKey>.Failure(error) : key;
    }

    private Task<Result<KmsKey>> ChangeKeyAsync(
        Caller caller, string regionId, string keyId, Func<KmsKey, DateTimeOffset, Result<KmsKey>> change, CancellationToken cancellationToken) =>
        InActivatedRegionAsync(caller, regionId, async (session, now) =>
        {
            var key = await KeyLookup.ResolveAsync(session, caller.AccountId, regionId, keyId);
            if (!key.IsSuccess)
            {
                return key;
            }

            var changed = change(key.Value, now);
            if (changed.IsSuccess && changed.Value != key.Value)
            {
                await session.UpdateKeyAsync(changed.Value);
            }

            return changed;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction once the region exists and KMS is activated there for the
    /// caller, after deleting the caller's keys of that region whose deletion window has ended.
    /// </summary>
    private Task<Result<T>> InActivatedRegionAsync<T>(
        Caller caller, string regionId, Func<IStoreSession, DateTimeOffset, Task<Result<T>>> work, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            if (!RegionCatalog.Exists(regionId))
            {
                return ErrorCatalog.InvalidRegionIdNotFound;
            }

            if (!await session.IsKmsActivatedAsync(caller.AccountId, regionId))
            {
                return ErrorCatalog.KmsServiceNotEnabled;
            }

            var now = time.GetUtcNow();
            await session.DeleteKeysDueForDeletionAsync(caller.AccountId, regionId, now);
            return await work(session, now);
        }, cancellationToken);
}
