using EcsLocal.Application.Disks;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Regions;

namespace EcsLocal.Application.Accounts;

/// <summary>A new AccessKey pair; the plain secret exists only in this value and is never stored.</summary>
public sealed record IssuedAccessKey(string AccountId, string AccessKeyId, string Secret);

/// <summary>
/// The operator's view of accounts, AccessKeys, roles, the feature allow-list and regions that withhold the
/// feature. The CLI and server start-up use it; API callers cannot reach it.
/// </summary>
public sealed class AccountAdministration(IStore store, SecretProtector protector, TimeProvider time)
{
    public Task<Result<Account>> CreateAccountAsync(string? accountId, bool allowListed, bool withServiceRoles, CancellationToken cancellationToken)
    {
        var id = accountId ?? NewIds.SixteenDigits();
        if (!AccountIds.IsValid(id))
        {
            return Task.FromResult(Result<Account>.Failure(AdministrationErrors.InvalidAccountId.Format(id)));
        }

        return store.WriteAsync(async session =>
        {
            if (await session.GetAccountAsync(id) is not null)
            {
                return Result<Account>.Failure(AdministrationErrors.AccountExists.Format(id));
            }

            var account = new Account(id, time.GetUtcNow(), allowListed);
            await session.InsertAccountAsync(account);
            foreach (var role in withServiceRoles ? ServiceRoles.Defaults : [])
            {
                await session.AddRoleAsync(RamRole.ForEcs(id, role, NewIds.SixteenDigits(), account.CreatedAt));
            }

            return account;
        }, cancellationToken);
    }

    /// <summary>Issues an AccessKey; a given id and secret are taken as they are, otherwise both are generated.</summary>
    public Task<Result<IssuedAccessKey>> CreateAccessKeyAsync(string accountId, string? accessKeyId, string? secret, CancellationToken cancellationToken)
    {
        var id = accessKeyId ?? AccessKeyGenerator.NewId();
        var plainSecret = secret ?? AccessKeyGenerator.NewSecret();
        if (id.Length is 0 or > 128 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-')))
        {
            return Task.FromResult(Result<IssuedAccessKey>.Failure(AdministrationErrors.InvalidAccessKeyId.Format(id)));
        }

        if (plainSecret.Length is 0 or > 256)
        {
            return Task.FromResult(Result<IssuedAccessKey>.Failure(AdministrationErrors.InvalidSecret));
        }

        return store.WriteAsync(async session =>
        {
            if (await session.GetAccountAsync(accountId) is null)
            {
                return Result<IssuedAccessKey>.Failure(AdministrationErrors.AccountNotFound.Format(accountId));
            }

            if (await session.GetAccessKeyAsync(id) is not null)
            {
                return Result<IssuedAccessKey>.Failure(AdministrationErrors.AccessKeyExists.Format(id));
            }

            var protectedSecret = protector.Protect(plainSecret, id);
            await session.InsertAccessKeyAsync(new AccessKey(id, accountId, AccessKeyStatus.Active, time.GetUtcNow(), protectedSecret));
            return new IssuedAccessKey(accountId, id, plainSecret);
        }, cancellationToken);
    }

    public Task<Result<Unit>> SetAccessKeyStatusAsync(string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            if (await session.GetAccessKeyAsync(accessKeyId) is null)
            {
                return Result<Unit>.Failure(AdministrationErrors.AccessKeyNotFound.Format(accessKeyId));
            }

            await session.UpdateAccessKeyStatusAsync(accessKeyId, status);
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> SetAllowListedAsync(string accountId, bool allowListed, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var account = await session.GetAccountAsync(accountId);
            if (account is null)
            {
                return Result<Unit>.Failure(AdministrationErrors.AccountNotFound.Format(accountId));
            }

            await session.UpdateAccountAsync(account with { DefaultEncryptionAllowed = allowListed });
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> SetRoleAsync(string accountId, string roleName, bool present, CancellationToken cancellationToken) =>
        roleName.Length is 0 or > 64 || roleName.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-'))
            ? Task.FromResult(Result<Unit>.Failure(AdministrationErrors.InvalidRoleName.Format(roleName)))
            : store.WriteAsync(async session =>
        {
            if (await session.GetAccountAsync(accountId) is null)
            {
                return Result<Unit>.Failure(AdministrationErrors.AccountNotFound.Format(accountId));
            }

            if (present)
            {
                await session.AddRoleAsync(RamRole.ForEcs(accountId, roleName, NewIds.SixteenDigits(), time.GetUtcNow()));
            }
            else
            {
                await session.RemoveRoleAsync(accountId, roleName);
            }

            return Unit.Value;
        }, cancellationToken);

    /// <summary>Marks whether a region offers account-level default encryption; every region does unless marked.</summary>
    public Task<Result<Unit>> SetRegionOffersDefaultEncryptionAsync(string regionId, bool offered, CancellationToken cancellationToken)
    {
        if (!RegionCatalog.Exists(regionId))
        {
            return Task.FromResult(Result<Unit>.Failure(AdministrationErrors.RegionNotFound.Format(regionId)));
        }

        return store.WriteAsync(async session =>
        {
            await session.SetDefaultEncryptionWithheldAsync(regionId, !offered);
            return Result<Unit>.Success(Unit.Value);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(session => session.ListAccountsAsync(), cancellationToken);

    public Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string accountId, CancellationToken cancellationToken) =>
        store.ReadAsync(session => session.ListAccessKeysAsync(accountId), cancellationToken);

    public Task<IReadOnlyList<string>> ListRolesAsync(string accountId, CancellationToken cancellationToken) =>
        store.ReadAsync(session => session.ListRolesAsync(accountId), cancellationToken);

    public Task<IReadOnlyList<string>> ListRegionsWithoutDefaultEncryptionAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(session => session.ListDefaultEncryptionWithheldRegionsAsync(), cancellationToken);

}
