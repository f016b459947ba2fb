using EcsLocal.Domain.Kms;

namespace EcsLocal.Application.Handlers.Kms;

/// <summary>The <c>KeyMetadata</c> object of CreateKey and DescribeKey, with the wire names of KMS 2016-01-20.</summary>
public sealed record KeyMetadataResponse(
    string KeyId,
    string Arn,
    string KeyState,
    string KeySpec,
    string KeyUsage,
    string Origin,
    string ProtectionLevel,
    string Description,
    string Creator,
    string CreationDate,
    string? DeleteDate,
    string? MaterialExpireTime,
    string PrimaryKeyVersion,
    string AutomaticRotation,
    string? RotationInterval,
    string? LastRotationDate,
    string? NextRotationDate,
    string DeletionProtection,
    string? DeletionProtectionDescription)
{
    public static KeyMetadataResponse From(KmsKey key) => new(
        KeyId: key.Id,
        Arn: key.Arn,
        KeyState: key.StateAt(DateTimeOffset.UtcNow).ToString(),
        KeySpec: key.KeySpec,
        KeyUsage: key.KeyUsage,
        Origin: key.Origin,
        ProtectionLevel: key.ProtectionLevel,
        Description: key.Description,
        Creator: key.Creator,
        CreationDate: WireFormat.Time(key.CreationDate),
        DeleteDate: WireFormat.Time(key.DeleteDate),
        MaterialExpireTime: WireFormat.Time(key.MaterialExpireTime),
        PrimaryKeyVersion: key.PrimaryKeyVersion,
        AutomaticRotation: key.AutomaticRotation ? "Enabled" : "Disabled",
        RotationInterval: key.RotationIntervalSeconds is { } seconds ? $"{seconds}s" : null,
        LastRotationDate: key.IsSymmetric && key.Origin == KeyOrigins.AliyunKms ? WireFormat.Time(key.CreationDate) : null,
        NextRotationDate: key.AutomaticRotation && key.RotationIntervalSeconds is { } interval
            ? WireFormat.Time(key.CreationDate.AddSeconds(interval))
            : null,
        DeletionProtection: key.DeletionProtection ? "Enabled" : "Disabled",
        DeletionProtectionDescription: key.DeletionProtection ? key.DeletionProtectionDescription : null);
}
