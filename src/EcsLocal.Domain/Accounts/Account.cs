using System.Text.RegularExpressions;

namespace EcsLocal.Domain.Accounts;

/// <summary>An Alibaba Cloud account: the owner of keys, settings and resources.</summary>
/// <param name="Id">The 16-digit account id, also called the Alibaba Cloud account UID.</param>
/// <param name="DefaultEncryptionAllowed">
/// Whether the account is on the allow-list of the account-level default encryption feature, which the real
/// service grants by support ticket.
/// </param>
public sealed record Account(string Id, DateTimeOffset CreatedAt, bool DefaultEncryptionAllowed);

public static partial class AccountIds
{
    /// <summary>Returns whether <paramref name="value"/> is a 16-digit account id without a leading zero.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[1-9][0-9]{15}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>The RAM roles ECS needs in an account to use customer keys and share encrypted images.</summary>
public static class ServiceRoles
{
    public const string DiskEncryptDefault = "AliyunECSDiskEncryptDefaultRole";
    public const string ShareEncryptImageDefault = "AliyunECSShareEncryptImageDefaultRole";

    /// <summary>The roles a new account gets unless the operator asks for none.</summary>
    public static IReadOnlyList<string> Defaults { get; } = [DiskEncryptDefault, ShareEncryptImageDefault];
}
