namespace EcsLocal.Domain.Kms;

public static class KeyUsages
{
    public const string EncryptDecrypt = "ENCRYPT/DECRYPT";
    public const string SignVerify = "SIGN/VERIFY";
}

public static class KeyOrigins
{
    public const string AliyunKms = "Aliyun_KMS";
    public const string External = "EXTERNAL";
}

public static class ProtectionLevels
{
    public const string Software = "SOFTWARE";
    public const string Hsm = "HSM";
}

/// <summary>A KMS key specification and the key usages it permits.</summary>
public sealed record KeySpec(string Name, bool IsSymmetric, IReadOnlyList<string> Usages)
{
    public const string DefaultName = "Aliyun_AES_256";

    /// <summary>The key specifications of KMS 2016-01-20: four symmetric and five asymmetric.</summary>
    public static IReadOnlyList<KeySpec> All { get; } =
    [
        new("Aliyun_AES_256", true, [KeyUsages.EncryptDecrypt]),
        new("Aliyun_AES_128", true, [KeyUsages.EncryptDecrypt]),
        new("Aliyun_AES_192", true, [KeyUsages.EncryptDecrypt]),
        new("Aliyun_SM4", true, [KeyUsages.EncryptDecrypt]),
        new("RSA_2048", false, [KeyUsages.EncryptDecrypt, KeyUsages.SignVerify]),
        new("RSA_3072", false, [KeyUsages.EncryptDecrypt, KeyUsages.SignVerify]),
        new("EC_P256", false, [KeyUsages.SignVerify]),
        new("EC_P256K", false, [KeyUsages.SignVerify]),
        new("EC_SM2", false, [KeyUsages.EncryptDecrypt, KeyUsages.SignVerify]),
    ];

    public static KeySpec? Find(string name) => All.FirstOrDefault(spec => spec.Name == name);

    public static bool IsSymmetricName(string name) => Find(name)?.IsSymmetric ?? false;
}
