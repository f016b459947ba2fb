namespace EcsLocal.Domain.Errors;

public static partial class ErrorCatalog
{
    // Authorization: what each product returns when a RAM user's policies do not allow a request.
    public static readonly ServiceError ForbiddenRam = new(403, "Forbidden.RAM",
        "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
    public static readonly ServiceError RamNoPermission = new(403, "NoPermission", "You are not authorized to do this action.");
}
