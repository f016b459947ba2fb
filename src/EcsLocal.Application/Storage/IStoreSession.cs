using EcsLocal.Domain.Access;
using EcsLocal.Domain.Accounts;
using EcsLocal.Domain.Disks;
using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Images;
using EcsLocal.Domain.Instances;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Application.Storage;

/// <summary>Filters of KMS ListKeys; a null list means no filter on that attribute.</summary>
public sealed record KeyQuery(
    string AccountId,
    string RegionId,
    int PageNumber,
    int PageSize,
    IReadOnlyList<string>? KeyStates = null,
    IReadOnlyList<string>? KeySpecs = null,
    IReadOnlyList<string>? KeyUsages = null,
    IReadOnlyList<string>? ProtectionLevels = null,
    bool? ServiceKeys = null,
    IReadOnlyList<string>? AliasNames = null);

/// <summary>The reads and writes of one transaction. Methods take ids exactly as stored; they never validate.</summary>
public interface IStoreSession
{
    Task<Account?> GetAccountAsync(string accountId);

    Task InsertAccountAsync(Account account);

    Task UpdateAccountAsync(Account account);

    Task<IReadOnlyList<Account>> ListAccountsAsync();

    Task<AccessKey?> GetAccessKeyAsync(string accessKeyId);

    Task InsertAccessKeyAsync(AccessKey accessKey);

    Task UpdateAccessKeyStatusAsync(string accessKeyId, AccessKeyStatus status);

    Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string accountId);

    Task DeleteAccessKeyAsync(string accessKeyId);

    Task<bool> HasRoleAsync(string accountId, string roleName);

    /// <summary>Adds a role; a role of that name that the account already has stays as it is.</summary>
    Task AddRoleAsync(RamRole role);

    Task RemoveRoleAsync(string accountId, string roleName);

    Task<IReadOnlyList<string>> ListRolesAsync(string accountId);

    Task<RamRole?> GetRoleAsync(string accountId, string roleName);

    /// <summary>Lists the roles of an account by name.</summary>
    Task<IReadOnlyList<RamRole>> ListRoleDetailsAsync(string accountId);

    Task<RamUser?> GetUserAsync(string accountId, string userName);

    Task InsertUserAsync(RamUser user);

    Task DeleteUserAsync(string accountId, string userName);

    /// <summary>Lists the RAM users of an account by name.</summary>
    Task<IReadOnlyList<RamUser>> ListUsersAsync(string accountId);

    Task<CustomPolicy?> GetCustomPolicyAsync(string accountId, string policyName);

    Task InsertCustomPolicyAsync(CustomPolicy policy);

    Task DeleteCustomPolicyAsync(string accountId, string policyName);

    /// <summary>Lists the custom policies of an account by name.</summary>
    Task<IReadOnlyList<CustomPolicy>> ListCustomPoliciesAsync(string accountId);

    Task InsertPolicyAttachmentAsync(PolicyAttachment attachment);

    Task DeletePolicyAttachmentAsync(string accountId, string userName, string policyType, string policyName);

    /// <summary>Lists the policies attached to a user, oldest attachment first.</summary>
    Task<IReadOnlyList<PolicyAttachment>> ListUserPolicyAttachmentsAsync(string accountId, string userName);

    /// <summary>Lists the users a policy of the account is attached to.</summary>
    Task<IReadOnlyList<PolicyAttachment>> ListPolicyAttachmentsAsync(string accountId, string policyType, string policyName);

    /// <summary>Returns whether the operator marked the region as not offering account-level default encryption.</summary>
    Task<bool> IsDefaultEncryptionWithheldAsync(string regionId);

    Task SetDefaultEncryptionWithheldAsync(string regionId, bool withheld);

    Task<IReadOnlyList<string>> ListDefaultEncryptionWithheldRegionsAsync();

    Task<bool> IsKmsActivatedAsync(string accountId, string regionId);

    Task ActivateKmsAsync(string accountId, string regionId, DateTimeOffset activatedAt);

    Task<RegionEncryptionSetting?> GetRegionEncryptionAsync(string accountId, string regionId);

    Task SaveRegionEncryptionAsync(RegionEncryptionSetting setting);

    Task<KmsKey?> GetKeyAsync(string accountId, string regionId, string keyId);

    Task InsertKeyAsync(KmsKey key);

    Task UpdateKeyAsync(KmsKey key);

    Task<KeyVersion?> GetKeyVersionAsync(string accountId, string regionId, string keyId, string versionId);

    Task InsertKeyVersionAsync(KeyVersion version);

    /// <summary>Lists the versions of a key, oldest first.</summary>
    Task<IReadOnlyList<KeyVersion>> ListKeyVersionsAsync(string accountId, string regionId, string keyId);

    Task<ImportToken?> GetImportTokenAsync(string token);

    Task InsertImportTokenAsync(ImportToken token);

    /// <summary>Deletes keys of the account and region whose deletion window ended, with their aliases.</summary>
    Task<int> DeleteKeysDueForDeletionAsync(string accountId, string regionId, DateTimeOffset now);

    Task<Page<KmsKey>> ListKeysAsync(KeyQuery query);

    Task<KmsAlias?> GetAliasAsync(string accountId, string regionId, string aliasName);

    Task InsertAliasAsync(KmsAlias alias);

    Task UpdateAliasAsync(KmsAlias alias);

    Task DeleteAliasAsync(KmsAlias alias);

    /// <summary>Lists aliases by name; with <paramref name="keyId"/> only those of that key.</summary>
    Task<Page<KmsAlias>> ListAliasesAsync(string accountId, string regionId, string? keyId, int pageNumber, int pageSize);

    /// <summary>
    /// Records a signature nonce of an AccessKey. Returns false when the nonce is already recorded and not yet
    /// expired; an expired record is replaced.
    /// </summary>
    Task<bool> TryRecordNonceAsync(string accessKeyId, string nonce, DateTimeOffset expiresAt, DateTimeOffset now);

    Task<int> DeleteExpiredNoncesAsync(DateTimeOffset now);

    /// <summary>Finds a disk by id in any account and region; ids are unique across regions.</summary>
    Task<Disk?> GetDiskAsync(string diskId);

    Task InsertDiskAsync(Disk disk);

    /// <summary>Writes the mutable fields of a disk: name, description, size, status, instance, DeleteWithInstance.</summary>
    Task UpdateDiskAsync(Disk disk);

    Task DeleteDiskAsync(string diskId);

    Task<ResourcePage<Disk>> ListDisksAsync(DiskQuery query);

    Task<Snapshot?> GetSnapshotAsync(string snapshotId);

    Task InsertSnapshotAsync(Snapshot snapshot);

    /// <summary>Writes the mutable fields of a snapshot: name, description, retention days, status.</summary>
    Task UpdateSnapshotAsync(Snapshot snapshot);

    Task DeleteSnapshotAsync(string snapshotId);

    Task<ResourcePage<Snapshot>> ListSnapshotsAsync(SnapshotQuery query);

    Task<ClientTokenRecord?> GetClientTokenAsync(string accountId, string action, string token);

    Task InsertClientTokenAsync(ClientTokenRecord record);

    /// <summary>Finds an image of a region; system images have the same id in every region.</summary>
    Task<Image?> GetImageAsync(string regionId, string imageId);

    Task InsertImageAsync(Image image);

    /// <summary>Writes the mutable fields of an image: name, description, status and whether it is public.</summary>
    Task UpdateImageAsync(Image image);

    /// <summary>Deletes an image with its tags and shares.</summary>
    Task DeleteImageAsync(string regionId, string imageId);

    Task<Page<Image>> ListImagesAsync(ImageQuery query);

    Task<IReadOnlyList<ImageShare>> ListImageSharesAsync(string regionId, string imageId);

    Task AddImageShareAsync(string regionId, string imageId, ImageShare share);

    Task RemoveImageShareAsync(string regionId, string imageId, string accountId);

    /// <summary>Returns whether the owner of a snapshot shared it with <paramref name="accountId"/>.</summary>
    Task<bool> IsSnapshotSharedWithAsync(string snapshotId, string accountId);

    Task SetSnapshotShareAsync(string snapshotId, string accountId, bool shared, DateTimeOffset at);

    Task<IReadOnlyList<string>> ListSnapshotSharesAsync(string snapshotId);

    Task<Instance?> GetInstanceAsync(string instanceId);

    Task InsertInstanceAsync(Instance instance);

    /// <summary>Writes the mutable fields of an instance: name, description and status.</summary>
    Task UpdateInstanceAsync(Instance instance);

    Task DeleteInstanceAsync(string instanceId);

    Task<ResourcePage<Instance>> ListInstancesAsync(InstanceQuery query);

    /// <summary>Returns the disks attached to an instance, system disk first.</summary>
    Task<IReadOnlyList<Disk>> ListInstanceDisksAsync(string instanceId);

    /// <summary>Moves disks in Creating and snapshots in progressing whose ready time has passed to their final state.</summary>
    Task<int> CompleteDueTransitionsAsync(DateTimeOffset now);
}
