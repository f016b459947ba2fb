using EcsLocal.Domain.Kms;

namespace EcsLocal.Domain.Tests;

public class KeyRulesTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ValidateCreate_without_parameters_applies_defaults()
    {
        var settings = KeyRules.ValidateCreate(new CreateKeyInput(null, null, null, null, null, null, null));

        Assert.True(settings.IsSuccess);
        Assert.Equal("Aliyun_AES_256", settings.Value.KeySpec);
        Assert.Equal("ENCRYPT/DECRYPT", settings.Value.KeyUsage);
        Assert.Equal("Aliyun_KMS", settings.Value.Origin);
        Assert.Equal("SOFTWARE", settings.Value.ProtectionLevel);
        Assert.Equal("", settings.Value.Description);
        Assert.False(settings.Value.AutomaticRotation);
        Assert.Null(settings.Value.RotationIntervalSeconds);
    }

    [Theory]
    [InlineData("Aliyun_AES_256", "ENCRYPT/DECRYPT", "Aliyun_KMS", "HSM", null)]
    [InlineData("Aliyun_AES_128", "ENCRYPT/DECRYPT", "EXTERNAL", "SOFTWARE", null)]
    [InlineData("Aliyun_SM4", "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE", null)]
    [InlineData("RSA_2048", "SIGN/VERIFY", "Aliyun_KMS", "SOFTWARE", null)]
    [InlineData("RSA_3072", "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE", null)]
    [InlineData("EC_P256", "SIGN/VERIFY", "Aliyun_KMS", "SOFTWARE", null)]
    [InlineData("EC_SM2", "ENCRYPT/DECRYPT", "Aliyun_KMS", "HSM", null)]
    [InlineData("AES_256", "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE", "KeySpec")]
    [InlineData("aliyun_aes_256", "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE", "KeySpec")]
    [InlineData("Aliyun_AES_256", "SIGN/VERIFY", "Aliyun_KMS", "SOFTWARE", "KeyUsage")]
    [InlineData("EC_P256K", "ENCRYPT/DECRYPT", "Aliyun_KMS", "SOFTWARE", "KeyUsage")]
    [InlineData("Aliyun_AES_256", "ENCRYPT", "Aliyun_KMS", "SOFTWARE", "KeyUsage")]
    [InlineData("Aliyun_AES_256", "ENCRYPT/DECRYPT", "AWS_KMS", "SOFTWARE", "Origin")]
    [InlineData("RSA_2048", "ENCRYPT/DECRYPT", "EXTERNAL", "SOFTWARE", "Origin")]
    [InlineData("Aliyun_AES_256", "ENCRYPT/DECRYPT", "Aliyun_KMS", "hsm", "ProtectionLevel")]
    public void ValidateCreate_checks_each_enumeration(string spec, string usage, string origin, string protection, string? invalidParameter)
    {
        var settings = KeyRules.ValidateCreate(new CreateKeyInput(spec, usage, origin, protection, "d", null, null));

        if (invalidParameter is null)
        {
            Assert.True(settings.IsSuccess);
            Assert.Equal(spec, settings.Value.KeySpec);
        }
        else
        {
            Assert.Equal("InvalidParameter", settings.Error!.Code);
            Assert.Equal($"The specified parameter \"{invalidParameter}\" is not valid.", settings.Error.Message);
            Assert.Equal(400, settings.Error.HttpStatus);
        }
    }

    [Theory]
    [InlineData("7d", 604_800L)]
    [InlineData("365d", 31_536_000L)]
    [InlineData("730d", 63_072_000L)]
    [InlineData("604800s", 604_800L)]
    [InlineData("168h", 604_800L)]
    [InlineData("10080m", 604_800L)]
    [InlineData("6d", null)]
    [InlineData("731d", null)]
    [InlineData("604799s", null)]
    [InlineData("365", null)]
    [InlineData("d", null)]
    [InlineData("-7d", null)]
    [InlineData("999999999999d", null)]
    public void ParseRotationInterval_accepts_7_to_730_days(string text, long? expectedSeconds)
    {
        Assert.Equal(expectedSeconds, KeyRules.ParseRotationInterval(text));
    }

    [Fact]
    public void ValidateCreate_with_rotation_defaults_to_365_days()
    {
        var settings = KeyRules.ValidateCreate(new CreateKeyInput(null, null, null, null, null, "true", null));

        Assert.True(settings.Value.AutomaticRotation);
        Assert.Equal(31_536_000L, settings.Value.RotationIntervalSeconds);
    }

    [Theory]
    [InlineData("RSA_2048", "Aliyun_KMS", "true", null, "EnableAutomaticRotation")]
    [InlineData("Aliyun_AES_256", "EXTERNAL", "true", null, "EnableAutomaticRotation")]
    [InlineData("Aliyun_AES_256", "Aliyun_KMS", "yes", null, "EnableAutomaticRotation")]
    [InlineData("Aliyun_AES_256", "Aliyun_KMS", "true", "1d", "RotationInterval")]
    public void ValidateCreate_rejects_invalid_rotation(string spec, string origin, string enable, string? interval, string parameter)
    {
        var usage = spec.StartsWith("RSA", StringComparison.Ordinal) ? "SIGN/VERIFY" : "ENCRYPT/DECRYPT";

        var settings = KeyRules.ValidateCreate(new CreateKeyInput(spec, usage, origin, null, null, enable, interval));

        Assert.Equal($"The specified parameter \"{parameter}\" is not valid.", settings.Error!.Message);
    }

    [Fact]
    public void ValidateCreate_rejects_overlong_description()
    {
        var settings = KeyRules.ValidateCreate(new CreateKeyInput(null, null, null, null, new string('x', 8193), null, null));

        Assert.Equal("InvalidParameter", settings.Error!.Code);
    }

    [Theory]
    [InlineData(KeyState.Enabled, KeyState.Disabled, null)]
    [InlineData(KeyState.Disabled, KeyState.Disabled, null)]
    [InlineData(KeyState.PendingDeletion, null, "Rejected.PendingDeletion")]
    [InlineData(KeyState.PendingImport, null, "Rejected.PendingImport")]
    public void Disable_moves_enabled_keys_only(KeyState from, KeyState? to, string? expectedCode)
    {
        var result = KeyRules.Disable(KeyBuilder.Create() with { State = from });

        Assert.Equal(expectedCode, result.Error?.Code);
        Assert.Equal(to, result.IsSuccess ? result.Value.State : null);
    }

    [Theory]
    [InlineData(KeyState.Disabled, KeyState.Enabled, null)]
    [InlineData(KeyState.Enabled, KeyState.Enabled, null)]
    [InlineData(KeyState.PendingDeletion, null, "Rejected.PendingDeletion")]
    [InlineData(KeyState.PendingImport, null, "Rejected.PendingImport")]
    public void Enable_rejects_pending_states(KeyState from, KeyState? to, string? expectedCode)
    {
        var result = KeyRules.Enable(KeyBuilder.Create() with { State = from });

        Assert.Equal(expectedCode, result.Error?.Code);
        Assert.Equal(to, result.IsSuccess ? result.Value.State : null);
    }

    [Fact]
    public void Service_key_cannot_be_changed_by_user()
    {
        var serviceKey = KeyBuilder.Create() with { IsServiceKey = true, Creator = "Ecs" };

        Assert.Equal("Forbidden.NoPermission", KeyRules.Disable(serviceKey).Error!.Code);
        Assert.Equal("Forbidden.NoPermission", KeyRules.Enable(serviceKey).Error!.Code);
        Assert.Equal("Forbidden.NoPermission", KeyRules.ScheduleDeletion(serviceKey, 7, s_now).Error!.Code);
        Assert.Equal("Forbidden.NoPermission", KeyRules.CheckUserModifiable(serviceKey)!.Code);
        Assert.Equal(403, KeyRules.Disable(serviceKey).Error!.HttpStatus);
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData(366, true)]
    [InlineData(6, false)]
    [InlineData(367, false)]
    public void ScheduleDeletion_window_is_7_to_366_days(int days, bool accepted)
    {
        var result = KeyRules.ScheduleDeletion(KeyBuilder.Create(), days, s_now);

        Assert.Equal(accepted, result.IsSuccess);
        if (accepted)
        {
            Assert.Equal(KeyState.PendingDeletion, result.Value.State);
            Assert.Equal(s_now.AddDays(days), result.Value.DeleteDate);
            Assert.False(result.Value.IsDueForDeletion(s_now.AddDays(days).AddSeconds(-1)));
            Assert.True(result.Value.IsDueForDeletion(s_now.AddDays(days)));
        }
        else
        {
            Assert.Equal("The specified parameter \"PendingWindowInDays\" is not valid.", result.Error!.Message);
        }
    }

    [Fact]
    public void ScheduleDeletion_with_deletion_protection_is_rejected()
    {
        var result = KeyRules.ScheduleDeletion(KeyBuilder.Create() with { DeletionProtection = true }, 7, s_now);

        Assert.Equal("Rejected.StateModifiedFailed", result.Error!.Code);
        Assert.Equal(409, result.Error.HttpStatus);
    }

    [Fact]
    public void ScheduleDeletion_twice_is_rejected()
    {
        var pending = KeyRules.ScheduleDeletion(KeyBuilder.Create(), 7, s_now).Value;

        Assert.Equal("Rejected.PendingDeletion", KeyRules.ScheduleDeletion(pending, 7, s_now).Error!.Code);
    }

    [Fact]
    public void CancelDeletion_restores_enabled_or_pending_import()
    {
        var pending = KeyRules.ScheduleDeletion(KeyBuilder.Create(), 7, s_now).Value;
        var pendingExternal = pending with { Origin = KeyOrigins.External };

        var restored = KeyRules.CancelDeletion(pending, hasKeyMaterial: true).Value;
        var restoredExternal = KeyRules.CancelDeletion(pendingExternal, hasKeyMaterial: false).Value;

        Assert.Equal(KeyState.Enabled, restored.State);
        Assert.Null(restored.DeleteDate);
        Assert.Equal(KeyState.PendingImport, restoredExternal.State);
        Assert.Equal("Rejected.StateModifiedFailed", KeyRules.CancelDeletion(KeyBuilder.Create(), true).Error!.Code);
    }

    [Theory]
    [InlineData("alias/my-key", null)]
    [InlineData("alias/team/db_key-1", null)]
    [InlineData("alias/acs/ecs", "Unsupported.Alias")]
    [InlineData("alias/acsmine", "Unsupported.Alias")]
    [InlineData("alias/", "InvalidParameter")]
    [InlineData("my-key", "InvalidParameter")]
    [InlineData("alias/with space", "InvalidParameter")]
    [InlineData("alias/quote'", "InvalidParameter")]
    [InlineData("Alias/upper", "InvalidParameter")]
    public void ValidateAliasName_requires_prefix_and_safe_characters(string name, string? expectedCode)
    {
        Assert.Equal(expectedCode, KeyRules.ValidateAliasName(name)?.Code);
    }

    [Fact]
    public void ValidateAliasName_limits_length_to_255()
    {
        Assert.Null(KeyRules.ValidateAliasName("alias/" + new string('a', 249)));
        Assert.Equal("InvalidParameter", KeyRules.ValidateAliasName("alias/" + new string('a', 250))!.Code);
    }
}
