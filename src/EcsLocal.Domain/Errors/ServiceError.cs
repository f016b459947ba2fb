using System.Globalization;

namespace EcsLocal.Domain.Errors;

/// <summary>
/// An error as the Alibaba Cloud service returns it: HTTP status, error code and message.
/// </summary>
/// <remarks>
/// Every error that EcsLocal returns comes from <see cref="ErrorCatalog"/>, so codes, statuses and
/// messages match the real service. A message with <c>{0}</c> placeholders is filled by
/// <see cref="Format"/>.
/// </remarks>
public sealed record ServiceError(int HttpStatus, string Code, string Message)
{
    /// <summary>Returns a copy whose message has its placeholders filled with <paramref name="values"/>.</summary>
    public ServiceError Format(params object?[] values) =>
        this with { Message = string.Format(CultureInfo.InvariantCulture, Message, values) };
}
