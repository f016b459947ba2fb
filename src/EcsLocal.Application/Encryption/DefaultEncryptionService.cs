using EcsLocal.Application.Kms;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;
using EcsLocal.Domain.Regions;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Encryption;

/// <summary>The six ECS actions of account-level default encryption, each one store transaction.</summary>
public sealed class DefaultEncryptionService(IStore store, TimeProvider time)
{
    public Task<Result<Unit>> EnableAsync(Caller caller, string regionId, CancellationToken cancellationToken) =>
        RunAsync<Unit>(DefaultEncryptionAction.Enable, caller, regionId, async (session, setting, now) =>
        {
            if (DefaultEncryptionRules.EnableNeedsServiceKey(setting))
            {
                var serviceKey = await KeyLookup.EnsureServiceKeyAsync(session, caller.AccountId, regionId, now);
                await session.SaveRegionEncryptionAsync(DefaultEncryptionRules.Enable(caller.AccountId, regionId, setting, serviceKey.Id));
                return Unit.Value;
            }

            // The stored default key comes back into use, so it must still be usable, as a key given to Modify must be.
            var storedKeyError = await CheckStoredKeyAsync(session, caller.AccountId, regionId, setting!.DefaultKeyId!, now);
            if (storedKeyError is not null)
            {
                return storedKeyError;
            }

            await session.SaveRegionEncryptionAsync(DefaultEncryptionRules.Enable(caller.AccountId, regionId, setting, setting.DefaultKeyId!));
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> DisableAsync(Caller caller, string regionId, CancellationToken cancellationToken) =>
        RunAsync<Unit>(DefaultEncryptionAction.Disable, caller, regionId, async (session, setting, _) =>
        {
            await session.SaveRegionEncryptionAsync(DefaultEncryptionRules.Disable(setting!));
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<bool>> DescribeStatusAsync(Caller caller, string regionId, CancellationToken cancellationToken) =>
        RunAsync(DefaultEncryptionAction.DescribeStatus, caller, regionId,
            (_, setting, _) => Task.FromResult(Result<bool>.Success(setting?.Enabled ?? false)), cancellationToken);

    /// <summary>Returns the stored default key id, or an empty string when the feature was never enabled in the region.</summary>
    public Task<Result<string>> DescribeDefaultKeyAsync(Caller caller, string regionId, CancellationToken cancellationToken) =>
        RunAsync(DefaultEncryptionAction.DescribeKey, caller, regionId,
            (_, setting, _) => Task.FromResult(Result<string>.Success(setting?.DefaultKeyId ?? "")), cancellationToken);

    /// <summary>Sets the default key to a key named by id, ARN or alias, which must be usable by ECS.</summary>
    public Task<Result<Unit>> ModifyDefaultKeyAsync(Caller caller, string regionId, string keyIdParameter, CancellationToken cancellationToken) =>
        RunAsync<Unit>(DefaultEncryptionAction.Modify, caller, regionId, async (session, setting, now) =>
        {
            await session.DeleteKeysDueForDeletionAsync(caller.AccountId, regionId, now);
            var key = await KeyLookup.ResolveAsync(session, caller.AccountId, regionId, keyIdParameter);
            if (!key.IsSuccess)
            {
                return ErrorCatalog.DefaultKeyNotFound.Format(keyIdParameter);
            }

            var hasRole = await session.HasRoleAsync(caller.AccountId, ServiceRoles.DiskEncryptDefault);
            if (DefaultEncryptionRules.CheckKeyUsableByEcs(key.Value, hasRole) is { } keyError)
            {
                return keyError;
            }

            await session.SaveRegionEncryptionAsync(DefaultEncryptionRules.ChangeDefaultKey(setting!, key.Value.Id));
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> ResetDefaultKeyAsync(Caller caller, string regionId, CancellationToken cancellationToken) =>
        RunAsync<Unit>(DefaultEncryptionAction.Reset, caller, regionId, async (session, setting, now) =>
        {
            var serviceKey = await KeyLookup.EnsureServiceKeyAsync(session, caller.AccountId, regionId, now);
            await session.SaveRegionEncryptionAsync(DefaultEncryptionRules.ChangeDefaultKey(setting!, serviceKey.Id));
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);

    private static async Task<ServiceError?> CheckStoredKeyAsync(IStoreSession session, string accountId, string regionId, string keyId, DateTimeOffset now)
    {
        await session.DeleteKeysDueForDeletionAsync(accountId, regionId, now);
        var key = await session.GetKeyAsync(accountId, regionId, keyId);
        if (key is null)
        {
            return ErrorCatalog.DefaultKeyNotFound.Format(keyId);
        }

        var hasRole = await session.HasRoleAsync(accountId, ServiceRoles.DiskEncryptDefault);
        return DefaultEncryptionRules.CheckKeyUsableByEcs(key, hasRole);
    }

    private Task<Result<T>> RunAsync<T>(
        DefaultEncryptionAction action,
        Caller caller,
        string regionId,
        Func<IStoreSession, RegionEncryptionSetting?, DateTimeOffset, Task<Result<T>>> work,
        CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var facts = await GatherFactsAsync(session, caller.AccountId, regionId);
            if (DefaultEncryptionRules.CheckPreconditions(action, facts) is { } error)
            {
                return error;
            }

            return await work(session, facts.Setting, time.GetUtcNow());
        }, cancellationToken);

    private static async Task<DefaultEncryptionFacts> GatherFactsAsync(IStoreSession session, string accountId, string regionId)
    {
        if (!RegionCatalog.Exists(regionId))
        {
            return new DefaultEncryptionFacts(false, false, false, false, null);
        }

        var account = await session.GetAccountAsync(accountId);
        return new DefaultEncryptionFacts(
            RegionExists: true,
            RegionOffersFeature: !await session.IsDefaultEncryptionWithheldAsync(regionId),
            AccountAllowListed: account?.DefaultEncryptionAllowed ?? false,
            KmsActivated: await session.IsKmsActivatedAsync(accountId, regionId),
            Setting: await session.GetRegionEncryptionAsync(accountId, regionId));
    }
}
