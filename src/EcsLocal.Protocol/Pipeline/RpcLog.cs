using Microsoft.Extensions.Logging;

namespace EcsLocal.Protocol.Pipeline;

/// <summary>Log events of the RPC endpoint, ids 1000 to 1099. No event carries a secret or a signature.</summary>
internal static partial class RpcLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "{Version} {Action} by account {AccountId} (RAM user {UserName}) returned {StatusCode} {ErrorCode} in {DurationMs} ms, request {RequestId}")]
    public static partial void RequestCompleted(
        ILogger logger, string version, string action, string accountId, string userName, int statusCode, string errorCode, long durationMs,
        string requestId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error,
        Message = "{Version} {Action} failed with an unexpected exception and returned InternalError, request {RequestId}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string version, string action, string requestId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Request {RequestId} was rejected with {StatusCode} {ErrorCode} before it reached an action")]
    public static partial void RequestRejected(ILogger logger, string requestId, int statusCode, string errorCode);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "{Version} {Action} by RAM user {UserName} of account {AccountId} was denied by its policies, request {RequestId}")]
    public static partial void AccessDenied(ILogger logger, string version, string action, string accountId, string userName, string requestId);
}
