using System.Collections.Concurrent;
using System.Security.Cryptography;
using EcsLocal.Protocol.Signatures;
using Microsoft.AspNetCore.WebUtilities;

namespace EcsLocal.WebConsole.Sessions;

/// <summary>A signed-in console user: the caller that every console action runs as.</summary>
/// <param name="LastSeen">The time of the session's latest request; the idle timeout counts from it.</param>
public sealed record ConsoleSession(Caller Caller, DateTimeOffset CreatedAt, DateTimeOffset LastSeen)
{
    /// <summary>The name shown in the page header: the RAM user, else the account.</summary>
    public string DisplayName => Caller.IsRamUser ? $"{Caller.UserName} (RAM user of {Caller.AccountId})" : $"Account {Caller.AccountId}";
}

/// <summary>
/// The console's sessions, held in this server process only. The cookie carries a random 256-bit token and the
/// table is keyed by the token's SHA-256 hash, so the table never contains a token that would open a session.
/// </summary>
/// <remarks>
/// NOTE: sessions live in memory, so a restart signs everyone out and a second server node on the same store does
/// not know the sessions of the first one.
/// </remarks>
public sealed class ConsoleSessions(ConsoleOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session for the caller and returns its token, which only the cookie stores.</summary>
    public string Start(Caller caller)
    {
        RemoveExpired();
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        _sessions[Hash(token)] = new ConsoleSession(caller, now, now);
        return token;
    }

    /// <summary>Returns the live session of the token and restarts its idle timeout, or null when there is none.</summary>
    public ConsoleSession? Find(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var key = Hash(token);
        if (!_sessions.TryGetValue(key, out var session))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (IsExpired(session, now))
        {
            _sessions.TryRemove(key, out _);
            return null;
        }

        var touched = session with { LastSeen = now };
        _sessions.TryUpdate(key, touched, session);
        return touched;
    }

    /// <summary>Ends the session of the token; an unknown token changes nothing.</summary>
    public void End(string? token)
    {
        if (!string.IsNullOrEmpty(token))
        {
            _sessions.TryRemove(Hash(token), out _);
        }
    }

    private bool IsExpired(ConsoleSession session, DateTimeOffset now) => now - session.LastSeen >= options.SessionIdleTimeout;

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (key, session) in _sessions)
        {
            if (IsExpired(session, now))
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
