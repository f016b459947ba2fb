using EcsLocal.Application.Storage;
using EcsLocal.Domain;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Errors;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IStore"/> provider must have. Each provider's test class derives from this
/// one and supplies a fresh, empty store. The tests are skippable facts so that a provider whose server is not
/// configured can report them as skipped by throwing <see cref="SkipException"/> from <see cref="CreateStoreAsync"/>.
/// </summary>
public abstract partial class StoreContract : IAsyncLifetime
{
    protected const string AccountId = "1234567890123456";
    protected const string OtherAccountId = "6543210987654321";
    protected static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    protected IStore Store { get; private set; } = null!;

    protected abstract Task<IStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(CancellationToken.None);
        await Store.InitializeAsync(CancellationToken.None);
        await WriteAsync(async session =>
        {
            await session.InsertAccountAsync(new Account(AccountId, Now, true));
            await session.InsertAccountAsync(new Account(OtherAccountId, Now.AddSeconds(1), false));
        });
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Accounts_round_trip_and_update()
    {
        await WriteAsync(session => session.UpdateAccountAsync(new Account(OtherAccountId, Now, true)));

        var accounts = await Store.ReadAsync(session => session.ListAccountsAsync(), CancellationToken.None);
        var missing = await Store.ReadAsync(session => session.GetAccountAsync("1111111111111111"), CancellationToken.None);

        Assert.Equal([AccountId, OtherAccountId], accounts.Select(account => account.Id));
        Assert.Equal(Now, accounts[0].CreatedAt);
        Assert.True(accounts[1].DefaultEncryptionAllowed);
        Assert.Null(missing);
    }

    [SkippableFact]
    public async Task AccessKeys_store_protected_secret_and_status()
    {
        byte[] secret = [1, 2, 3, 250];
        await WriteAsync(session => session.InsertAccessKeyAsync(new AccessKey("LTAIexample", AccountId, AccessKeyStatus.Active, Now, secret)));
        await WriteAsync(session => session.UpdateAccessKeyStatusAsync("LTAIexample", AccessKeyStatus.Inactive));

        var key = await Store.ReadAsync(session => session.GetAccessKeyAsync("LTAIexample"), CancellationToken.None);
        var listed = await Store.ReadAsync(session => session.ListAccessKeysAsync(AccountId), CancellationToken.None);

        Assert.NotNull(key);
        Assert.Equal(secret, key.ProtectedSecret);
        Assert.Equal(AccessKeyStatus.Inactive, key.Status);
        Assert.Equal(AccountId, key.AccountId);
        Assert.Single(listed);
    }

    [SkippableFact]
    public async Task Roles_are_added_once_and_removed()
    {
        await WriteAsync(session => session.AddRoleAsync(RamRole.ForEcs(AccountId, ServiceRoles.DiskEncryptDefault, "1000000000000001", Now)));
        await WriteAsync(session => session.AddRoleAsync(RamRole.ForEcs(AccountId, ServiceRoles.DiskEncryptDefault, "1000000000000001", Now)));

        Assert.True(await Store.ReadAsync(session => session.HasRoleAsync(AccountId, ServiceRoles.DiskEncryptDefault), CancellationToken.None));
        Assert.False(await Store.ReadAsync(session => session.HasRoleAsync(OtherAccountId, ServiceRoles.DiskEncryptDefault), CancellationToken.None));
        Assert.Single(await Store.ReadAsync(session => session.ListRolesAsync(AccountId), CancellationToken.None));

        await WriteAsync(session => session.RemoveRoleAsync(AccountId, ServiceRoles.DiskEncryptDefault));

        Assert.False(await Store.ReadAsync(session => session.HasRoleAsync(AccountId, ServiceRoles.DiskEncryptDefault), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Kms_activation_and_withheld_regions_are_per_key()
    {
        await WriteAsync(session => session.ActivateKmsAsync(AccountId, "cn-hangzhou", Now));
        await WriteAsync(session => session.ActivateKmsAsync(AccountId, "cn-hangzhou", Now));
        await WriteAsync(session => session.SetDefaultEncryptionWithheldAsync("cn-beijing", true));

        Assert.True(await Store.ReadAsync(session => session.IsKmsActivatedAsync(AccountId, "cn-hangzhou"), CancellationToken.None));
        Assert.False(await Store.ReadAsync(session => session.IsKmsActivatedAsync(AccountId, "cn-beijing"), CancellationToken.None));
        Assert.False(await Store.ReadAsync(session => session.IsKmsActivatedAsync(OtherAccountId, "cn-hangzhou"), CancellationToken.None));
        Assert.True(await Store.ReadAsync(session => session.IsDefaultEncryptionWithheldAsync("cn-beijing"), CancellationToken.None));
        Assert.Equal(["cn-beijing"], await Store.ReadAsync(session => session.ListDefaultEncryptionWithheldRegionsAsync(), CancellationToken.None));

        await WriteAsync(session => session.SetDefaultEncryptionWithheldAsync("cn-beijing", false));

        Assert.False(await Store.ReadAsync(session => session.IsDefaultEncryptionWithheldAsync("cn-beijing"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task RegionEncryption_is_inserted_then_updated()
    {
        await WriteAsync(session => session.SaveRegionEncryptionAsync(new RegionEncryptionSetting(AccountId, "cn-hangzhou", true, "key-1")));
        await WriteAsync(session => session.SaveRegionEncryptionAsync(new RegionEncryptionSetting(AccountId, "cn-hangzhou", false, "key-2")));

        var setting = await Store.ReadAsync(session => session.GetRegionEncryptionAsync(AccountId, "cn-hangzhou"), CancellationToken.None);
        var other = await Store.ReadAsync(session => session.GetRegionEncryptionAsync(OtherAccountId, "cn-hangzhou"), CancellationToken.None);

        Assert.Equal(new RegionEncryptionSetting(AccountId, "cn-hangzhou", false, "key-2"), setting);
        Assert.Null(other);
    }

    [SkippableFact]
    public async Task Keys_round_trip_every_field()
    {
        var key = NewKey("k-1") with
        {
            Description = "quote ' and -- comment; DROP TABLE kms_keys",
            DeleteDate = Now.AddDays(7),
            State = KeyState.PendingDeletion,
            AutomaticRotation = true,
            RotationIntervalSeconds = 604_800,
            DeletionProtection = true,
            DeletionProtectionDescription = "in use",
            MaterialExpireTime = Now.AddDays(30),
        };
        await WriteAsync(session => session.InsertKeyAsync(key));

        var loaded = await Store.ReadAsync(session => session.GetKeyAsync(AccountId, "cn-hangzhou", "k-1"), CancellationToken.None);
        var otherRegion = await Store.ReadAsync(session => session.GetKeyAsync(AccountId, "cn-beijing", "k-1"), CancellationToken.None);
        var otherAccount = await Store.ReadAsync(session => session.GetKeyAsync(OtherAccountId, "cn-hangzhou", "k-1"), CancellationToken.None);

        Assert.Equal(key, loaded);
        Assert.Null(otherRegion);
        Assert.Null(otherAccount);
    }

    [SkippableFact]
    public async Task Key_versions_and_import_tokens_round_trip()
    {
        var first = new KeyVersion(AccountId, "cn-hangzhou", "k-1", "v-2", Now, [1, 2, 3]);
        var second = new KeyVersion(AccountId, "cn-hangzhou", "k-1", "v-1", Now.AddSeconds(1), [4, 5]);
        var token = new ImportToken("token-1", AccountId, "cn-hangzhou", "k-1", "RSAES_OAEP_SHA_256", [9, 8], Now.AddHours(24));
        await WriteAsync(async session =>
        {
            await session.InsertKeyVersionAsync(first);
            await session.InsertKeyVersionAsync(second);
            await session.InsertImportTokenAsync(token);
        });

        var loaded = await Store.ReadAsync(session => session.GetKeyVersionAsync(AccountId, "cn-hangzhou", "k-1", "v-1"), CancellationToken.None);
        var listed = await Store.ReadAsync(session => session.ListKeyVersionsAsync(AccountId, "cn-hangzhou", "k-1"), CancellationToken.None);
        var otherAccount = await Store.ReadAsync(session => session.GetKeyVersionAsync(OtherAccountId, "cn-hangzhou", "k-1", "v-1"), CancellationToken.None);
        var loadedToken = await Store.ReadAsync(session => session.GetImportTokenAsync("token-1"), CancellationToken.None);

        Assert.Equal(second.ProtectedMaterial, loaded!.ProtectedMaterial);
        Assert.Equal(["v-2", "v-1"], listed.Select(version => version.VersionId));
        Assert.Null(otherAccount);
        Assert.Equal(token.ExpiresAt, loadedToken!.ExpiresAt);
        Assert.Equal(token.ProtectedPrivateKey, loadedToken.ProtectedPrivateKey);
        Assert.Equal("RSAES_OAEP_SHA_256", loadedToken.WrappingAlgorithm);
    }

    [SkippableFact]
    public async Task UpdateKey_changes_mutable_fields()
    {
        await WriteAsync(session => session.InsertKeyAsync(NewKey("k-1")));
        var changed = NewKey("k-1") with { State = KeyState.Disabled, Description = "new", DeletionProtection = true, DeletionProtectionDescription = "d" };

        await WriteAsync(session => session.UpdateKeyAsync(changed));

        Assert.Equal(changed, await Store.ReadAsync(session => session.GetKeyAsync(AccountId, "cn-hangzhou", "k-1"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task ListKeys_pages_in_creation_order_with_filters()
    {
        await WriteAsync(async session =>
        {
            for (var i = 0; i < 5; i++)
            {
                await session.InsertKeyAsync(NewKey($"k-{i}") with
                {
                    CreationDate = Now.AddMinutes(i),
                    State = i % 2 == 0 ? KeyState.Enabled : KeyState.Disabled,
                    KeySpec = i == 4 ? "RSA_2048" : "Aliyun_AES_256",
                    IsServiceKey = i == 0,
                });
            }

            await session.InsertKeyAsync(NewKey("other-region") with { RegionId = "cn-beijing" });
            await session.InsertAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/acs/ecs", "k-0", Now));
        });

        var firstPage = await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 1, 2));
        var lastPage = await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 3, 2));
        var disabled = await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 1, 10, KeyStates: ["Disabled"]));
        var rsaEnabled = await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 1, 10, KeyStates: ["Enabled"], KeySpecs: ["RSA_2048"]));
        var service = await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 1, 10, ServiceKeys: true));
        var byAlias = await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 1, 10, AliasNames: ["alias/acs/ecs"]));
        var none = await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 1, 10, KeyStates: []));

        Assert.Equal(5, firstPage.TotalCount);
        Assert.Equal(["k-0", "k-1"], firstPage.Items.Select(key => key.Id));
        Assert.Equal(["k-4"], lastPage.Items.Select(key => key.Id));
        Assert.Equal(["k-1", "k-3"], disabled.Items.Select(key => key.Id));
        Assert.Equal(2, disabled.TotalCount);
        Assert.Equal(["k-4"], rsaEnabled.Items.Select(key => key.Id));
        Assert.Equal(["k-0"], service.Items.Select(key => key.Id));
        Assert.Equal(["k-0"], byAlias.Items.Select(key => key.Id));
        Assert.Equal(0, none.TotalCount);
    }

    [SkippableFact]
    public async Task DeleteKeysDueForDeletion_removes_due_keys_and_their_aliases()
    {
        await WriteAsync(async session =>
        {
            await session.InsertKeyAsync(NewKey("due") with { State = KeyState.PendingDeletion, DeleteDate = Now });
            await session.InsertKeyAsync(NewKey("later") with { State = KeyState.PendingDeletion, DeleteDate = Now.AddSeconds(1) });
            await session.InsertKeyAsync(NewKey("enabled"));
            await session.InsertAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/due", "due", Now));
            await session.InsertAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/enabled", "enabled", Now));
        });

        var deleted = await WriteAsync(session => session.DeleteKeysDueForDeletionAsync(AccountId, "cn-hangzhou", Now));

        var remaining = await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 1, 10));
        var aliases = await Store.ReadAsync(session => session.ListAliasesAsync(AccountId, "cn-hangzhou", null, 1, 10), CancellationToken.None);
        Assert.Equal(1, deleted);
        Assert.Equal(["enabled", "later"], remaining.Items.Select(key => key.Id));
        Assert.Equal(["alias/enabled"], aliases.Items.Select(alias => alias.Name));
    }

    [SkippableFact]
    public async Task Aliases_insert_update_list_and_delete()
    {
        await WriteAsync(async session =>
        {
            await session.InsertAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/b", "k-1", Now));
            await session.InsertAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/a", "k-1", Now));
            await session.InsertAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/c", "k-2", Now));
            await session.InsertAliasAsync(new KmsAlias(AccountId, "cn-beijing", "alias/a", "k-9", Now));
        });

        await WriteAsync(session => session.UpdateAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/c", "k-1", Now)));
        var all = await Store.ReadAsync(session => session.ListAliasesAsync(AccountId, "cn-hangzhou", null, 1, 2), CancellationToken.None);
        var ofKey = await Store.ReadAsync(session => session.ListAliasesAsync(AccountId, "cn-hangzhou", "k-1", 2, 2), CancellationToken.None);
        await WriteAsync(session => session.DeleteAliasAsync(new KmsAlias(AccountId, "cn-hangzhou", "alias/a", "k-1", Now)));
        var deleted = await Store.ReadAsync(session => session.GetAliasAsync(AccountId, "cn-hangzhou", "alias/a"), CancellationToken.None);
        var otherRegion = await Store.ReadAsync(session => session.GetAliasAsync(AccountId, "cn-beijing", "alias/a"), CancellationToken.None);

        Assert.Equal(3, all.TotalCount);
        Assert.Equal(["alias/a", "alias/b"], all.Items.Select(alias => alias.Name));
        Assert.Equal(3, ofKey.TotalCount);
        Assert.Equal(["alias/c"], ofKey.Items.Select(alias => alias.Name));
        Assert.Null(deleted);
        Assert.Equal("k-9", otherRegion?.KeyId);
    }

    [SkippableFact]
    public async Task Nonce_is_accepted_once_until_it_expires()
    {
        var first = await WriteAsync(session => session.TryRecordNonceAsync("ak", "n-1", Now.AddMinutes(30), Now));
        var replay = await WriteAsync(session => session.TryRecordNonceAsync("ak", "n-1", Now.AddMinutes(30), Now.AddMinutes(1)));
        var otherKey = await WriteAsync(session => session.TryRecordNonceAsync("ak-2", "n-1", Now.AddMinutes(30), Now));
        var afterExpiry = await WriteAsync(session => session.TryRecordNonceAsync("ak", "n-1", Now.AddMinutes(90), Now.AddMinutes(30)));
        var deleted = await WriteAsync(session => session.DeleteExpiredNoncesAsync(Now.AddMinutes(60)));

        Assert.True(first);
        Assert.False(replay);
        Assert.True(otherKey);
        Assert.True(afterExpiry);
        Assert.Equal(1, deleted);
    }

    [SkippableFact]
    public async Task WriteAsync_rolls_back_on_failed_result()
    {
        var result = await Store.WriteAsync(async session =>
        {
            await session.ActivateKmsAsync(AccountId, "cn-shanghai", Now);
            return Result<Unit>.Failure(ErrorCatalog.InternalError);
        }, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.False(await Store.ReadAsync(session => session.IsKmsActivatedAsync(AccountId, "cn-shanghai"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task WriteAsync_rolls_back_on_exception()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync<Unit>(async session =>
        {
            await session.ActivateKmsAsync(AccountId, "cn-shenzhen", Now);
            throw new InvalidOperationException("simulated failure");
        }, CancellationToken.None));

        Assert.False(await Store.ReadAsync(session => session.IsKmsActivatedAsync(AccountId, "cn-shenzhen"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Concurrent_writes_all_commit()
    {
        var writes = Enumerable.Range(0, 20).Select(i =>
            Store.WriteAsync(async session =>
            {
                await session.InsertKeyAsync(NewKey($"k-{i:D2}"));
                return Result<Unit>.Success(Unit.Value);
            }, CancellationToken.None));

        var results = await Task.WhenAll(writes);

        Assert.All(results, result => Assert.True(result.IsSuccess));
        Assert.Equal(20, (await ListAsync(new KeyQuery(AccountId, "cn-hangzhou", 1, 100))).TotalCount);
    }

    protected static KmsKey NewKey(string id) => new(
        id, AccountId, "cn-hangzhou", "Aliyun_AES_256", KeyUsages.EncryptDecrypt, KeyOrigins.AliyunKms, ProtectionLevels.Software, "",
        KeyState.Enabled, AccountId, false, Now, null, "v-1", false, null, false, "");

    private Task<Page<KmsKey>> ListAsync(KeyQuery query) => Store.ReadAsync(session => session.ListKeysAsync(query), CancellationToken.None);

    private async Task WriteAsync(Func<IStoreSession, Task> work) =>
        await Store.WriteAsync(async session =>
        {
            await work(session);
            return Result<Unit>.Success(Unit.Value);
        }, CancellationToken.None);

    private async Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work) =>
        (await Store.WriteAsync(async session => Result<T>.Success(await work(session)), CancellationToken.None)).Value;
}
