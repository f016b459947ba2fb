using EcsLocal.Domain.Errors;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Protocol.Pipeline;

/// <summary>
/// Decides whether an authenticated RAM user may run an action, before its handler runs. Requests signed with an
/// account's own AccessKey are never passed here: the account may do everything.
/// </summary>
public interface IRequestAuthorizer
{
    /// <summary>Returns the product's permission error when the caller's policies do not allow the request, else null.</summary>
    Task<ServiceError?> AuthorizeAsync(ActionContext context, CancellationToken cancellationToken);
}
