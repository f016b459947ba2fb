using EcsLocal.Domain.Encryption;
using EcsLocal.Domain.Kms;

namespace EcsLocal.Domain.Tests;

public class DefaultEncryptionRulesTests
{
    private static readonly RegionEncryptionSetting s_on = new("1234567890123456", "cn-hangzhou", true, "key-1");
    private static readonly RegionEncryptionSetting s_off = new("1234567890123456", "cn-hangzhou", false, "key-1");

    public static TheoryData<DefaultEncryptionAction, bool, bool, bool, bool, string?, string?> Preconditions => new()
    {
        // action, region exists, region offers feature, allow-listed, KMS activated, setting (on/off/none), expected code
        { DefaultEncryptionAction.Enable, false, false, false, false, null, "InvalidParameter.RegionIdNotExists" },
        { DefaultEncryptionAction.Enable, true, false, false, false, null, "Abs.InvalidAction.RegionNotSupport" },
        { DefaultEncryptionAction.Enable, true, true, false, false, null, "UserNotInTheWhiteList" },
        { DefaultEncryptionAction.Enable, true, true, true, false, null, "InvalidParameter.KmsNotEnabled" },
        { DefaultEncryptionAction.Enable, true, true, true, true, "on", "InvalidOperation.DefaultEncryptionAlreadyEnabled" },
        { DefaultEncryptionAction.Enable, true, true, true, true, "off", null },
        { DefaultEncryptionAction.Enable, true, true, true, true, null, null },
        { DefaultEncryptionAction.Disable, false, true, true, true, "on", "InvalidParameter.RegionIdNotExists" },
        { DefaultEncryptionAction.Disable, true, false, true, true, "on", "Abs.InvalidAction.RegionNotSupport" },
        { DefaultEncryptionAction.Disable, true, true, false, true, "on", "UserNotInTheWhiteList" },
        { DefaultEncryptionAction.Disable, true, true, true, false, "on", null },
        { DefaultEncryptionAction.Disable, true, true, true, true, "off", "InvalidDefaultEncryption.NotFound" },
        { DefaultEncryptionAction.Disable, true, true, true, true, null, "InvalidDefaultEncryption.NotFound" },
        { DefaultEncryptionAction.Modify, true, true, true, false, "on", "InvalidParameter.KmsNotEnabled" },
        { DefaultEncryptionAction.Modify, true, true, true, true, "off", "InvalidDefaultEncryption.NotFound" },
        { DefaultEncryptionAction.Modify, true, true, true, true, "on", null },
        { DefaultEncryptionAction.Reset, true, true, true, false, "on", "InvalidParameter.Encrypted.KmsNotEnabled" },
        { DefaultEncryptionAction.Reset, true, true, true, true, null, "InvalidDefaultEncryption.NotFound" },
        { DefaultEncryptionAction.Reset, true, true, true, true, "on", null },
        { DefaultEncryptionAction.DescribeStatus, false, true, true, true, null, "InvalidParameter.RegionIdNotExists" },
        { DefaultEncryptionAction.DescribeStatus, true, false, false, false, null, null },
        { DefaultEncryptionAction.DescribeKey, false, true, true, true, null, "InvalidParameter.RegionIdNotExists" },
        { DefaultEncryptionAction.DescribeKey, true, false, false, false, null, null },
    };

    [Theory]
    [MemberData(nameof(Preconditions))]
    public void CheckPreconditions_returns_first_failure_in_service_order(
        DefaultEncryptionAction action, bool regionExists, bool offered, bool allowListed, bool kms, string? setting, string? expectedCode)
    {
        var facts = new DefaultEncryptionFacts(regionExists, offered, allowListed, kms, setting switch
        {
            "on" => s_on,
            "off" => s_off,
            _ => null,
        });

        var error = DefaultEncryptionRules.CheckPreconditions(action, facts);

        Assert.Equal(expectedCode, error?.Code);
    }

    [Fact]
    public void CheckPreconditions_uses_service_statuses()
    {
        var unknownRegion = DefaultEncryptionRules.CheckPreconditions(DefaultEncryptionAction.Enable, new(false, false, false, false, null));
        var noKms = DefaultEncryptionRules.CheckPreconditions(DefaultEncryptionAction.Enable, new(true, true, true, false, null));
        var alreadyOn = DefaultEncryptionRules.CheckPreconditions(DefaultEncryptionAction.Enable, new(true, true, true, true, s_on));

        Assert.Equal(403, unknownRegion!.HttpStatus);
        Assert.Equal(400, noKms!.HttpStatus);
        Assert.Equal(403, alreadyOn!.HttpStatus);
        Assert.Equal("The specified region does not exists.", unknownRegion.Message);
    }

    [Fact]
    public void Enable_first_time_uses_service_key()
    {
        var setting = DefaultEncryptionRules.Enable("1234567890123456", "cn-beijing", null, "service-key");

        Assert.True(setting.Enabled);
        Assert.Equal("service-key", setting.DefaultKeyId);
        Assert.True(DefaultEncryptionRules.EnableNeedsServiceKey(null));
    }

    [Fact]
    public void Enable_after_disable_keeps_stored_key()
    {
        var disabled = DefaultEncryptionRules.Disable(s_on with { DefaultKeyId = "customer-key" });

        var enabled = DefaultEncryptionRules.Enable(disabled.AccountId, disabled.RegionId, disabled, "service-key");

        Assert.False(disabled.Enabled);
        Assert.Equal("customer-key", disabled.DefaultKeyId);
        Assert.False(DefaultEncryptionRules.EnableNeedsServiceKey(disabled));
        Assert.Equal("customer-key", enabled.DefaultKeyId);
    }

    [Theory]
    [InlineData("Aliyun_AES_256", KeyUsages.EncryptDecrypt, KeyState.Enabled, false, true, null)]
    [InlineData("Aliyun_SM4", KeyUsages.EncryptDecrypt, KeyState.Enabled, false, true, null)]
    [InlineData("RSA_2048", KeyUsages.EncryptDecrypt, KeyState.Enabled, false, true, "InvalidKMSKeyId.NotSymmetric")]
    [InlineData("EC_P256", KeyUsages.SignVerify, KeyState.Disabled, false, false, "InvalidKMSKeyId.NotSymmetric")]
    [InlineData("Aliyun_AES_256", KeyUsages.EncryptDecrypt, KeyState.Disabled, false, true, "InvalidParameter.KMSKeyId.CMKNotEnabled")]
    [InlineData("Aliyun_AES_256", KeyUsages.EncryptDecrypt, KeyState.PendingDeletion, false, true, "InvalidParameter.KMSKeyId.CMKNotEnabled")]
    [InlineData("Aliyun_AES_256", KeyUsages.EncryptDecrypt, KeyState.PendingImport, false, true, "InvalidParameter.KMSKeyId.CMKNotEnabled")]
    [InlineData("Aliyun_AES_256", KeyUsages.EncryptDecrypt, KeyState.Enabled, false, false, "InvalidParameter.KMSKeyId.KMSUnauthorized")]
    [InlineData("Aliyun_AES_256", KeyUsages.EncryptDecrypt, KeyState.Enabled, true, false, null)]
    [InlineData("Aliyun_AES_256", KeyUsages.EncryptDecrypt, KeyState.Disabled, false, false, "InvalidParameter.KMSKeyId.CMKNotEnabled")]
    public void CheckKeyUsableByEcs_checks_symmetry_state_then_role(
        string spec, string usage, KeyState state, bool serviceKey, bool hasRole, string? expectedCode)
    {
        var key = KeyBuilder.Create() with { KeySpec = spec, KeyUsage = usage, State = state, IsServiceKey = serviceKey };

        var error = DefaultEncryptionRules.CheckKeyUsableByEcs(key, hasRole);

        Assert.Equal(expectedCode, error?.Code);
    }
}
