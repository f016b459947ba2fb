using System.Globalization;
using System.Text.RegularExpressions;
using EcsLocal.Domain.Errors;

namespace EcsLocal.Domain.Kms;

/// <summary>The CreateKey parameters as the caller sent them; null means omitted.</summary>
public sealed record CreateKeyInput(
    string? KeySpec,
    string? KeyUsage,
    string? Origin,
    string? ProtectionLevel,
    string? Description,
    string? EnableAutomaticRotation,
    string? RotationInterval);

/// <summary>Validated CreateKey settings with the service defaults applied.</summary>
public sealed record KeySettings(
    string KeySpec,
    string KeyUsage,
    string Origin,
    string ProtectionLevel,
    string Description,
    bool AutomaticRotation,
    long? RotationIntervalSeconds);

/// <summary>The KMS rules for creating keys, changing their state and naming aliases.</summary>
public static partial class KeyRules
{
    public const int MaxDescriptionLength = 8192;
    public const int MinPendingWindowDays = 7;
    public const int MaxPendingWindowDays = 366;
    public const int MaxAliasNameLength = 255;
    public const string ReservedAliasPrefix = "alias/acs";
    public const string ServiceKeyAliasName = "alias/acs/ecs";

    private const long SecondsPerDay = 86_400;
    private const long MinRotationSeconds = 7 * SecondsPerDay;
    private const long MaxRotationSeconds = 730 * SecondsPerDay;
    private const long DefaultRotationSeconds = 365 * SecondsPerDay;

    /// <summary>Validates CreateKey parameters and applies the defaults: Aliyun_AES_256, ENCRYPT/DECRYPT, Aliyun_KMS, SOFTWARE.</summary>
    public static Result<KeySettings> ValidateCreate(CreateKeyInput input)
    {
        var spec = KeySpec.Find(input.KeySpec ?? KeySpec.DefaultName);
        if (spec is null)
        {
            return ErrorCatalog.InvalidParameter.Format("KeySpec");
        }

        var usage = input.KeyUsage ?? KeyUsages.EncryptDecrypt;
        if (!spec.Usages.Contains(usage))
        {
            return ErrorCatalog.InvalidParameter.Format("KeyUsage");
        }

        var origin = input.Origin ?? KeyOrigins.AliyunKms;
        if (origin is not (KeyOrigins.AliyunKms or KeyOrigins.External) || (origin == KeyOrigins.External && !spec.IsSymmetric))
        {
            return ErrorCatalog.InvalidParameter.Format("Origin");
        }

        var protectionLevel = input.ProtectionLevel ?? ProtectionLevels.Software;
        if (protectionLevel is not (ProtectionLevels.Software or ProtectionLevels.Hsm))
        {
            return ErrorCatalog.InvalidParameter.Format("ProtectionLevel");
        }

        var description = input.Description ?? "";
        if (description.Length > MaxDescriptionLength)
        {
            return ErrorCatalog.InvalidParameter.Format("Description");
        }

        var rotation = ValidateRotation(input, spec, origin);
        if (!rotation.IsSuccess)
        {
            return rotation.Error;
        }

        var automaticRotation = input.EnableAutomaticRotation is not null && bool.Parse(input.EnableAutomaticRotation);
        return new KeySettings(spec.Name, usage, origin, protectionLevel, description, automaticRotation, rotation.Value);
    }

    /// <summary>
    /// Parses a rotation interval such as <c>365d</c>, <c>8760h</c>, <c>525600m</c> or <c>31536000s</c>;
    /// the service accepts 7 to 730 days. Returns null when the text is malformed or out of range.
    /// </summary>
    public static long? ParseRotationInterval(string text)
    {
        var match = RotationIntervalPattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var multiplier = match.Groups[2].Value switch
        {
            "d" => SecondsPerDay,
            "h" => 3_600L,
            "m" => 60L,
            _ => 1L,
        };
        if (amount > MaxRotationSeconds)
        {
            return null;
        }

        var seconds = amount * multiplier;
        return seconds is >= MinRotationSeconds and <= MaxRotationSeconds ? seconds : null;
    }

    public static Result<KmsKey> Enable(KmsKey key) => key.State switch
    {
        _ when key.IsServiceKey => ErrorCatalog.NoPermission,
        KeyState.Enabled or KeyState.Disabled => key with { State = KeyState.Enabled },
        _ => RejectionFor(key.State),
    };

    public static Result<KmsKey> Disable(KmsKey key) => key.State switch
    {
        _ when key.IsServiceKey => ErrorCatalog.NoPermission,
        KeyState.Enabled or KeyState.Disabled => key with { State = KeyState.Disabled },
        _ => RejectionFor(key.State),
    };

    /// <summary>Starts the deletion window of a key; the window is 7 to 366 days and the key is deleted when it ends.</summary>
    public static Result<KmsKey> ScheduleDeletion(KmsKey key, int pendingWindowInDays, DateTimeOffset now)
    {
        if (key.IsServiceKey)
        {
            return ErrorCatalog.NoPermission;
        }

        if (key.State == KeyState.PendingDeletion)
        {
            return ErrorCatalog.RejectedPendingDeletion;
        }

        if (key.DeletionProtection)
        {
            return ErrorCatalog.RejectedDeletionProtection;
        }

        return pendingWindowInDays is < MinPendingWindowDays or > MaxPendingWindowDays
            ? ErrorCatalog.InvalidParameter.Format("PendingWindowInDays")
            : key with { State = KeyState.PendingDeletion, DeleteDate = now.AddDays(pendingWindowInDays) };
    }

    /// <summary>Cancels a scheduled deletion; the key returns to Enabled, or to PendingImport while a BYOK key has no material.</summary>
    public static Result<KmsKey> CancelDeletion(KmsKey key, bool hasKeyMaterial)
    {
        if (key.IsServiceKey)
        {
            return ErrorCatalog.NoPermission;
        }

        if (key.State != KeyState.PendingDeletion)
        {
            return ErrorCatalog.RejectedStateModifiedFailed;
        }

        var state = key.Origin == KeyOrigins.External && !hasKeyMaterial ? KeyState.PendingImport : KeyState.Enabled;
        return key with { State = state, DeleteDate = null };
    }

    /// <summary>Checks that a key may be named by a user's alias or changed by the user at all.</summary>
    public static ServiceError? CheckUserManaged(KmsKey key) => key.IsServiceKey ? ErrorCatalog.NoPermission : null;

    /// <summary>Checks that the user may change a key's description or point an alias at it: a user key not pending deletion.</summary>
    public static ServiceError? CheckUserModifiable(KmsKey key) =>
        CheckUserManaged(key) ?? (key.State == KeyState.PendingDeletion ? ErrorCatalog.RejectedPendingDeletion : null);

    /// <summary>
    /// Validates a user alias: <c>alias/</c> followed by letters, digits, <c>_</c>, <c>-</c> and <c>/</c>, at most
    /// 255 characters in all, and never under the reserved <c>alias/acs</c> prefix of service keys.
    /// </summary>
    public static ServiceError? ValidateAliasName(string aliasName)
    {
        if (aliasName.Length > MaxAliasNameLength || !AliasNamePattern().IsMatch(aliasName))
        {
            return ErrorCatalog.InvalidParameter.Format("AliasName");
        }

        return aliasName.StartsWith(ReservedAliasPrefix, StringComparison.Ordinal) ? ErrorCatalog.UnsupportedAlias : null;
    }

    private static Result<long?> ValidateRotation(CreateKeyInput input, KeySpec spec, string origin)
    {
        if (input.EnableAutomaticRotation is { } flag && !bool.TryParse(flag, out _))
        {
            return ErrorCatalog.InvalidParameter.Format("EnableAutomaticRotation");
        }

        var enabled = input.EnableAutomaticRotation is not null && bool.Parse(input.EnableAutomaticRotation);
        if (enabled && (!spec.IsSymmetric || origin == KeyOrigins.External))
        {
            return ErrorCatalog.InvalidParameter.Format("EnableAutomaticRotation");
        }

        if (input.RotationInterval is null)
        {
            return Result<long?>.Success(enabled ? DefaultRotationSeconds : null);
        }

        var seconds = ParseRotationInterval(input.RotationInterval);
        return seconds is null ? ErrorCatalog.InvalidParameter.Format("RotationInterval") : Result<long?>.Success(seconds);
    }

    private static ServiceError RejectionFor(KeyState state) => state switch
    {
        KeyState.Disabled => ErrorCatalog.RejectedDisabled,
        KeyState.PendingDeletion => ErrorCatalog.RejectedPendingDeletion,
        KeyState.PendingImport => ErrorCatalog.RejectedPendingImport,
        _ => ErrorCatalog.RejectedStateModifiedFailed,
    };

    [GeneratedRegex("^([0-9]{1,12})([dhms])$", RegexOptions.CultureInvariant)]
    private static partial Regex RotationIntervalPattern();

    [GeneratedRegex("^alias/[A-Za-z0-9_/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasNamePattern();
}
