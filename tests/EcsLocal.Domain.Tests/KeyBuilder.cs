using EcsLocal.Domain.Kms;

namespace EcsLocal.Domain.Tests;

/// <summary>Builds an Enabled customer key with the CreateKey defaults; tests change fields with <c>with</c>.</summary>
internal static class KeyBuilder
{
    public static readonly DateTimeOffset Created = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    public static KmsKey Create() => new(
        Id: "0e478b7a-4262-4802-b8cb-00d3fb408268",
        AccountId: "1234567890123456",
        RegionId: "cn-hangzhou",
        KeySpec: "Aliyun_AES_256",
        KeyUsage: KeyUsages.EncryptDecrypt,
        Origin: KeyOrigins.AliyunKms,
        ProtectionLevel: ProtectionLevels.Software,
        Description: "",
        State: KeyState.Enabled,
        Creator: "1234567890123456",
        IsServiceKey: false,
        CreationDate: Created,
        DeleteDate: null,
        PrimaryKeyVersion: "6c2b5a5e-1f0a-4a53-9f44-6a1d2a0a4b11",
        AutomaticRotation: false,
        RotationIntervalSeconds: null,
        DeletionProtection: false,
        DeletionProtectionDescription: "");
}
