using EcsLocal.Domain;
using EcsLocal.Protocol.Routing;

namespace EcsLocal.Application.Handlers;

public static class HandlerResults
{
    /// <summary>Turns a service result into a response: the body built from the value, or the error.</summary>
    public static ActionResult ToResponse<T>(this Result<T> result, Func<T, object> body) =>
        result.IsSuccess ? ActionResult.Ok(body(result.Value)) : ActionResult.Fail(result.Error);

    /// <summary>Turns a service result into a response whose body is only the RequestId.</summary>
    public static ActionResult ToEmptyResponse<T>(this Result<T> result) =>
        result.IsSuccess ? ActionResult.Empty() : ActionResult.Fail(result.Error);
}
