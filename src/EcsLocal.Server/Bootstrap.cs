using EcsLocal.Application.Accounts;
using EcsLocal.Application.Disks;
using EcsLocal.Application.Security;
using EcsLocal.Application.Storage;

namespace EcsLocal.Server;

/// <summary>What start-up prints about the credentials to use.</summary>
/// <param name="Secret">The plain secret when it was generated now; null when it is configured or was shown before.</param>
internal sealed record BootstrapCredentials(string AccountId, string AccessKeyId, string? Secret, bool Configured);

/// <summary>
/// Creates the first account and AccessKey on first start, and the configured AccessKey when it is missing.
/// </summary>
internal static class Bootstrap
{
    public static async Task<BootstrapCredentials?> EnsureAsync(
        ServerOptions options, IStore store, SecretProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        await SystemImageSeeder.EnsureAsync(store, cancellationToken);
        var administration = new AccountAdministration(store, protector, time);
        var accounts = await administration.ListAccountsAsync(cancellationToken);
        var configured = !string.IsNullOrEmpty(options.AccessKeyId);
        if (configured != !string.IsNullOrEmpty(options.AccessKeySecret))
        {
            throw new StartupException("Set both ECSLOCAL_ACCESS_KEY_ID and ECSLOCAL_ACCESS_KEY_SECRET, or neither.");
        }

        var accountId = accounts.Count > 0 ? accounts[0].Id : null;
        if (accountId is null)
        {
            var account = await administration.CreateAccountAsync(options.AccountId, allowListed: true, withServiceRoles: true, cancellationToken);
            accountId = account.IsSuccess ? account.Value.Id : throw new StartupException(account.Error.Message);
        }

        if (configured)
        {
            return await EnsureConfiguredKeyAsync(options, store, protector, administration, options.AccountId ?? accountId, cancellationToken);
        }

        if (accounts.Count > 0)
        {
            var keys = await administration.ListAccessKeysAsync(accountId, cancellationToken);
            return keys.Count > 0 ? new BootstrapCredentials(accountId, keys[0].Id, null, false) : null;
        }

        var issued = await administration.CreateAccessKeyAsync(accountId, null, null, cancellationToken);
        return new BootstrapCredentials(accountId, issued.Value.AccessKeyId, issued.Value.Secret, false);
    }

    private static async Task<BootstrapCredentials> EnsureConfiguredKeyAsync(
        ServerOptions options, IStore store, SecretProtector protector, AccountAdministration administration, string accountId,
        CancellationToken cancellationToken)
    {
        var existing = await store.ReadAsync(session => session.GetAccessKeyAsync(options.AccessKeyId!), cancellationToken);
        if (existing is null)
        {
            var issued = await administration.CreateAccessKeyAsync(accountId, options.AccessKeyId, options.AccessKeySecret, cancellationToken);
            if (!issued.IsSuccess)
            {
                throw new StartupException(issued.Error.Message);
            }

            return new BootstrapCredentials(accountId, options.AccessKeyId!, null, true);
        }

        if (protector.Unprotect(existing.ProtectedSecret, existing.Id) != options.AccessKeySecret)
        {
            throw new StartupException(
                $"The AccessKey {existing.Id} already exists in {options.DataDirectory} with another secret. " +
                "Use the secret it was created with, or another data directory.");
        }

        return new BootstrapCredentials(existing.AccountId, existing.Id, null, true);
    }
}
