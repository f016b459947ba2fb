using EcsLocal.Application.Disks;
using EcsLocal.Domain;
using EcsLocal.Domain.Access;
using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Application.Accounts;

/// <summary>The fields of CreateRole after their formats were checked.</summary>
/// <param name="MaxSessionDuration">In seconds, 3600 to 43200.</param>
public sealed record CreateRoleInput(string RoleName, string AssumeRolePolicyDocument, string? Description, int MaxSessionDuration);

public sealed partial class RamService
{
    /// <summary>
    /// Creates a role. Creating AliyunECSDiskEncryptDefaultRole or AliyunECSShareEncryptImageDefaultRole authorizes
    /// ECS to use the account's KMS keys or to share its encrypted images.
    /// </summary>
    public Task<Result<RamRole>> CreateRoleAsync(Caller caller, CreateRoleInput input, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            if (await session.GetRoleAsync(caller.AccountId, input.RoleName) is not null)
            {
                return Result<RamRole>.Failure(ErrorCatalog.RamRoleExists);
            }

            if ((await session.ListRoleDetailsAsync(caller.AccountId)).Count >= RamRules.MaxRolesPerAccount)
            {
                return ErrorCatalog.RamRoleLimitExceeded;
            }

            var role = new RamRole(caller.AccountId, input.RoleName, NewIds.SixteenDigits(), input.Description ?? "", input.AssumeRolePolicyDocument,
                input.MaxSessionDuration, time.GetUtcNow());
            await session.AddRoleAsync(role);
            return role;
        }, cancellationToken);

    public Task<Result<RamRole>> GetRoleAsync(Caller caller, string roleName, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
            await session.GetRoleAsync(caller.AccountId, roleName) is { } role ? role : Result<RamRole>.Failure(ErrorCatalog.RamRoleNotFound),
            cancellationToken);

    public Task<RamPage<RamRole>> ListRolesAsync(Caller caller, string? marker, int maxItems, CancellationToken cancellationToken) =>
        store.ReadAsync(async session =>
            TakePage(await session.ListRoleDetailsAsync(caller.AccountId), role => role.RoleName, marker, maxItems),
            cancellationToken);

    /// <summary>
    /// Deletes a role. EcsLocal has no policies attached to roles, so DeleteConflict.Role.Policy never applies.
    /// Deleting AliyunECSDiskEncryptDefaultRole makes ECS actions with a customer key fail with KMSUnauthorized.
    /// </summary>
    public Task<Result<Unit>> DeleteRoleAsync(Caller caller, string roleName, CancellationToken cancellationToken) =>
        store.WriteAsync(async session =>
        {
            if (await session.GetRoleAsync(caller.AccountId, roleName) is null)
            {
                return Result<Unit>.Failure(ErrorCatalog.RamRoleNotFound);
            }

            await session.RemoveRoleAsync(caller.AccountId, roleName);
            return Unit.Value;
        }, cancellationToken);
}
