using EcsLocal.Application.Disks;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Accounts;

/// <summary>The fields of CreateUser after their formats were checked, with null for each empty value.</summary>
public sealed record CreateUserInput(string UserName, string? DisplayName, string? Comments);

/// <summary>A new AccessKey with its plain secret, which exists only in this value and in the CreateAccessKey response.</summary>
public sealed record IssuedRamAccessKey(AccessKey AccessKey, string Secret);

/// <summary>One page of a RAM list in name order.</summary>
/// <param name="NextKey">The sort key of the first item of the next page, or null on the last page.</param>
public sealed record RamPage<T>(IReadOnlyList<T> Items, string? NextKey);

/// <summary>
/// The RAM management actions of one account: users, AccessKeys, custom policies, policy attachments and roles.
/// Every method is one store transaction, and every name is looked up in the caller's account only, so another
/// account's entities are not found.
/// </summary>
/// <remarks>Callers check parameter formats with <see cref="RamRules"/> first, and the methods check existence, conflicts and quotas.</remarks>
public sealed partial class RamService(IStore store, SecretProtector protector, TimeProvider time)
{
    public Task<Result<RamUser>> CreateUserAsync(Caller caller, CreateUserInput input, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            if (await session.GetUserAsync(caller.AccountId, input.UserName) is not null)
            {
                return Result<RamUser>.Failure(ErrorCatalog.RamUserExists);
            }

            if ((await session.ListUsersAsync(caller.AccountId)).Count >= RamRules.MaxUsersPerAccount)
            {
                return ErrorCatalog.RamUserLimitExceeded;
            }

            var now = time.GetUtcNow();

            // NOTE: the default display name is assumed from RAM's examples, which show the user name as the display name.
            var user = new RamUser(caller.AccountId, input.UserName, NewIds.SixteenDigits(), input.DisplayName ?? input.UserName,
                input.Comments ?? "", now, now);
            await session.InsertUserAsync(user);
            return user;
        }, cancellationToken);

    public Task<Result<RamUser>> GetUserAsync(Caller caller, string userName, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
            await session.GetUserAsync(caller.AccountId, userName) is { } user ? user : Result<RamUser>.Failure(ErrorCatalog.RamUserNotFound),
            cancellationToken);

    public Task<RamPage<RamUser>> ListUsersAsync(Caller caller, string? marker, int maxItems, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
            TakePage(await session.ListUsersAsync(caller.AccountId), user => user.UserName, marker, maxItems),
            cancellationToken);

    /// <summary>Deletes a user that has no AccessKeys and no attached policies.</summary>
    public Task<Result<Unit>> DeleteUserAsync(Caller caller, string userName, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            if (await session.GetUserAsync(caller.AccountId, userName) is null)
            {
                return Result<Unit>.Failure(ErrorCatalog.RamUserNotFound);
            }

            var keys = await session.ListAccessKeysAsync(caller.AccountId);
            if (keys.Any(key => key.UserName == userName))
            {
                return ErrorCatalog.RamDeleteUserWithAccessKey;
            }

            if ((await session.ListUserPolicyAttachmentsAsync(caller.AccountId, userName)).Count > 0)
            {
                return ErrorCatalog.RamDeleteUserWithPolicy;
            }

            await session.DeleteUserAsync(caller.AccountId, userName);
            return Unit.Value;
        }, cancellationToken);

    /// <summary>
    /// Issues an AccessKey for <paramref name="userName"/>, or without it for the caller: the calling RAM user, or the
    /// account itself when the account's own AccessKey signed. The limit of 2 keys applies to the account too.
    /// </summary>
    public Task<Result<IssuedRamAccessKey>> CreateAccessKeyAsync(Caller caller, string? userName, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var owner = await ResolveKeyOwnerAsync(session, caller, userName);
            if (!owner.IsSuccess)
            {
                return Result<IssuedRamAccessKey>.Failure(owner.Error);
            }

            var keys = await session.ListAccessKeysAsync(caller.AccountId);
            if (keys.Count(key => key.UserName == owner.Value) >= RamRules.MaxAccessKeysPerUser)
            {
                return ErrorCatalog.RamAccessKeyLimitExceeded;
            }

            var id = AccessKeyGenerator.NewId();
            while (await session.GetAccessKeyAsync(id) is not null)
            {
                id = AccessKeyGenerator.NewId();
            }

            var secret = AccessKeyGenerator.NewSecret();
            var accessKey = new AccessKey(id, caller.AccountId, AccessKeyStatus.Active, time.GetUtcNow(), protector.Protect(secret, id), owner.Value);
            await session.InsertAccessKeyAsync(accessKey);
            return new IssuedRamAccessKey(accessKey, secret);
        }, cancellationToken);

    /// <summary>Lists the AccessKeys of <paramref name="userName"/>, or of the caller without it, oldest first.</summary>
    public Task<Result<IReadOnlyList<AccessKey>>> ListAccessKeysAsync(Caller caller, string? userName, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
        {
            var owner = await ResolveKeyOwnerAsync(session, caller, userName);
            if (!owner.IsSuccess)
            {
                return Result<IReadOnlyList<AccessKey>>.Failure(owner.Error);
            }

            var keys = await session.ListAccessKeysAsync(caller.AccountId);
            return keys.Where(key => key.UserName == owner.Value)
                .OrderBy(key => key.CreatedAt)
                .ThenBy(key => key.Id, StringComparer.Ordinal)
                .ToList();
        }, cancellationToken);

    public Task<Result<Unit>> UpdateAccessKeyAsync(
        Caller caller, string? userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var accessKey = await FindOwnedKeyAsync(session, caller, userName, accessKeyId);
            if (!accessKey.IsSuccess)
            {
                return Result<Unit>.Failure(accessKey.Error);
            }

            await session.UpdateAccessKeyStatusAsync(accessKeyId, status);
            return Unit.Value;
        }, cancellationToken);

    public Task<Result<Unit>> DeleteAccessKeyAsync(Caller caller, string? userName, string accessKeyId, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            var accessKey = await FindOwnedKeyAsync(session, caller, userName, accessKeyId);
            if (!accessKey.IsSuccess)
            {
                return Result<Unit>.Failure(accessKey.Error);
            }

            await session.DeleteAccessKeyAsync(accessKeyId);
            return Unit.Value;
        }, cancellationToken);

    /// <summary>
    /// Returns the RAM user whose keys an AccessKey action addresses, or null for the account's own keys. A named user
    /// must exist. Without a name, the action addresses the caller: its RAM user, or the account itself.
    /// </summary>
    private static async Task<Result<string?>> ResolveKeyOwnerAsync(IStoreSession session, Caller caller, string? userName)
    {
        if (userName is null)
        {
            return Result<string?>.Success(caller.UserName);
        }

        return await session.GetUserAsync(caller.AccountId, userName) is null
            ? ErrorCatalog.RamUserNotFound
            : Result<string?>.Success(userName);
    }

    /// <summary>Finds an AccessKey of the addressed owner. A key of another user or account is reported as not found.</summary>
    private static async Task<Result<AccessKey>> FindOwnedKeyAsync(IStoreSession session, Caller caller, string? userName, string accessKeyId)
    {
        var owner = await ResolveKeyOwnerAsync(session, caller, userName);
        if (!owner.IsSuccess)
        {
            return owner.Error;
        }

        var accessKey = await session.GetAccessKeyAsync(accessKeyId);
        return accessKey is not null && accessKey.AccountId == caller.AccountId && accessKey.UserName == owner.Value
            ? accessKey
            : ErrorCatalog.RamAccessKeyNotFound;
    }

    /// <summary>
    /// Returns up to <paramref name="maxItems"/> items in ordinal order of their keys, starting at the first key not
    /// before <paramref name="marker"/>, so a page still resumes correctly when the marker's item was deleted.
    /// </summary>
    private static RamPage<T> TakePage<T>(IEnumerable<T> items, Func<T, string> key, string? marker, int maxItems)
    {
        var ordered = items.OrderBy(key, StringComparer.Ordinal).AsEnumerable();
        if (marker is not null)
        {
            ordered = ordered.SkipWhile(item => string.CompareOrdinal(key(item), marker) < 0);
        }

        var page = ordered.Take(maxItems + 1).ToList();
        return page.Count > maxItems
            ? new RamPage<T>(page[..maxItems], key(page[maxItems]))
            : new RamPage<T>(page, null);
    }
}
