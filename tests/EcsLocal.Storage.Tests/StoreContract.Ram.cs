using EcsLocal.Domain.Access;
using EcsLocal.Domain.Accounts;

namespace EcsLocal.Storage.Tests;

public abstract partial class StoreContract
{
    [SkippableFact]
    public async Task Users_round_trip_list_and_delete()
    {
        var alice = new RamUser(AccountId, "alice", "2000000000000001", "Alice", "tester", Now, Now.AddSeconds(1));
        await WriteAsync(async session =>
        {
            await session.InsertUserAsync(alice);
            await session.InsertUserAsync(alice with { UserName = "bob", UserId = "2000000000000002" });
            await session.InsertUserAsync(alice with { AccountId = OtherAccountId, UserName = "carol", UserId = "2000000000000003" });
        });

        var loaded = await Store.ReadAsync(session => session.GetUserAsync(AccountId, "alice"), CancellationToken.None);
        var foreign = await Store.ReadAsync(session => session.GetUserAsync(AccountId, "carol"), CancellationToken.None);
        await WriteAsync(session => session.DeleteUserAsync(AccountId, "bob"));
        var listed = await Store.ReadAsync(session => session.ListUsersAsync(AccountId), CancellationToken.None);

        Assert.Equal(alice, loaded);
        Assert.Null(foreign);
        Assert.Equal(["alice"], listed.Select(user => user.UserName));
    }

    [SkippableFact]
    public async Task User_access_keys_keep_user_name()
    {
        await WriteAsync(async session =>
        {
            await session.InsertAccessKeyAsync(new AccessKey("LTAIroot", AccountId, AccessKeyStatus.Active, Now, [1]));
            await session.InsertAccessKeyAsync(new AccessKey("LTAIalice", AccountId, AccessKeyStatus.Active, Now.AddSeconds(1), [2], "alice"));
        });

        var root = await Store.ReadAsync(session => session.GetAccessKeyAsync("LTAIroot"), CancellationToken.None);
        var user = await Store.ReadAsync(session => session.GetAccessKeyAsync("LTAIalice"), CancellationToken.None);
        await WriteAsync(session => session.DeleteAccessKeyAsync("LTAIalice"));
        var listed = await Store.ReadAsync(session => session.ListAccessKeysAsync(AccountId), CancellationToken.None);

        Assert.Null(root!.UserName);
        Assert.Equal("alice", user!.UserName);
        Assert.Equal(["LTAIroot"], listed.Select(key => key.Id));
    }

    [SkippableFact]
    public async Task Custom_policies_and_attachments()
    {
        var policy = new CustomPolicy(AccountId, "ReadDisks", "read disks", """{"Version":"1","Statement":[]}""", Now, Now);
        await WriteAsync(async session =>
        {
            await session.InsertCustomPolicyAsync(policy);
            await session.InsertPolicyAttachmentAsync(new PolicyAttachment(AccountId, "alice", PolicyTypes.Custom, "ReadDisks", Now));
            await session.InsertPolicyAttachmentAsync(new PolicyAttachment(AccountId, "alice", PolicyTypes.System, "AliyunECSReadOnlyAccess", Now.AddSeconds(1)));
            await session.InsertPolicyAttachmentAsync(new PolicyAttachment(AccountId, "bob", PolicyTypes.Custom, "ReadDisks", Now));
        });

        var loaded = await Store.ReadAsync(session => session.GetCustomPolicyAsync(AccountId, "ReadDisks"), CancellationToken.None);
        var ofAlice = await Store.ReadAsync(session => session.ListUserPolicyAttachmentsAsync(AccountId, "alice"), CancellationToken.None);
        var ofPolicy = await Store.ReadAsync(session => session.ListPolicyAttachmentsAsync(AccountId, PolicyTypes.Custom, "ReadDisks"), CancellationToken.None);
        await WriteAsync(async session =>
        {
            await session.DeletePolicyAttachmentAsync(AccountId, "bob", PolicyTypes.Custom, "ReadDisks");
            await session.DeletePolicyAttachmentAsync(AccountId, "alice", PolicyTypes.Custom, "ReadDisks");
            await session.DeleteCustomPolicyAsync(AccountId, "ReadDisks");
        });
        var remaining = await Store.ReadAsync(session => session.ListUserPolicyAttachmentsAsync(AccountId, "alice"), CancellationToken.None);
        var policies = await Store.ReadAsync(session => session.ListCustomPoliciesAsync(AccountId), CancellationToken.None);

        Assert.Equal(policy, loaded);
        Assert.Equal(["ReadDisks", "AliyunECSReadOnlyAccess"], ofAlice.Select(attachment => attachment.PolicyName));
        Assert.Equal(["alice", "bob"], ofPolicy.Select(attachment => attachment.UserName));
        Assert.Equal([PolicyTypes.System], remaining.Select(attachment => attachment.PolicyType));
        Assert.Empty(policies);
    }

    [SkippableFact]
    public async Task Role_details_round_trip()
    {
        var role = new RamRole(AccountId, "Deployer", "3000000000000001", "deploys", """{"Version":"1","Statement":[]}""", 7200, Now);
        await WriteAsync(async session =>
        {
            await session.AddRoleAsync(role);
            await session.AddRoleAsync(RamRole.ForEcs(AccountId, ServiceRoles.DiskEncryptDefault, "3000000000000002", Now));
        });

        var loaded = await Store.ReadAsync(session => session.GetRoleAsync(AccountId, "Deployer"), CancellationToken.None);
        var listed = await Store.ReadAsync(session => session.ListRoleDetailsAsync(AccountId), CancellationToken.None);

        Assert.Equal(role, loaded);
        Assert.Equal([ServiceRoles.DiskEncryptDefault, "Deployer"], listed.Select(item => item.RoleName));
        Assert.Equal(RamRole.EcsServiceTrustPolicy, listed[0].AssumeRolePolicyDocument);
    }
}
