using Microsoft.Extensions.Logging;

namespace EcsLocal.WebConsole;

/// <summary>Log events of the web console. They carry AccessKey ids and account ids, never secrets or session tokens.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Console sign-in with AccessKey {AccessKeyId} of account {AccountId} (RAM user {UserName})")]
    public static partial void SignedIn(ILogger logger, string accessKeyId, string accountId, string userName);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Console sign-in with AccessKey {AccessKeyId} was rejected with {ErrorCode}")]
    public static partial void SignInRejected(ILogger logger, string accessKeyId, string errorCode);

    /// <remarks>A page view can read many regions, so successful reads go out at Debug and changes and failures at Information.</remarks>
    [LoggerMessage(EventId = 4002,
        Message = "Console {Version} {Action} by account {AccountId} (RAM user {UserName}) returned {ErrorCode} in {DurationMs} ms, request {RequestId}")]
    public static partial void ActionCompleted(
        ILogger logger, LogLevel level, string version, string action, string accountId, string userName, string errorCode, long durationMs,
        string requestId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error,
        Message = "Console {Version} {Action} failed with an unexpected exception and returned InternalError, request {RequestId}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string version, string action, string requestId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Console sign-out of account {AccountId} (RAM user {UserName})")]
    public static partial void SignedOut(ILogger logger, string accountId, string userName);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning,
        Message = "Console operator mode is on: the AccessKey of any account can allow or deny every account on the default encryption allow-list")]
    public static partial void OperatorModeOn(ILogger logger);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information,
        Message = "Console allow-list change by account {OperatorAccountId} (AccessKey {AccessKeyId}): account {AccountId} allowed {Allowed}, result {ErrorCode}")]
    public static partial void AllowListChanged(ILogger logger, string operatorAccountId, string accessKeyId, string accountId, bool allowed, string errorCode);
}
