using EcsLocal.Protocol.Routing;

namespace EcsLocal.Server.Tests;

public sealed class CompatibilityDocumentTests
{
    [Fact]
    public void Committed_document_matches_registry()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EcsLocal.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var committed = File.ReadAllText(Path.Combine(root.FullName, "docs", "api-compatibility.md"));

        Assert.Equal(CompatibilityDocument.Render(EcsLocalHost.DescribeRegistry()), committed);
    }

    [Fact]
    public void Registry_serves_every_implemented_action()
    {
        var actions = EcsLocalHost.DescribeRegistry().Operations.Select(operation => $"{operation.Product.Name}:{operation.Action}").ToHashSet();

        string[] expected =
        [
            "Ecs:DescribeRegions", "Ecs:EnableDiskEncryptionByDefault", "Ecs:DisableDiskEncryptionByDefault",
            "Ecs:DescribeDiskEncryptionByDefaultStatus", "Ecs:ModifyDiskDefaultKMSKeyId", "Ecs:ResetDiskDefaultKMSKeyId",
            "Ecs:DescribeDiskDefaultKMSKeyId", "Kms:OpenKmsService", "Kms:DescribeAccountKmsStatus", "Kms:DescribeRegions", "Kms:CreateKey",
            "Kms:DescribeKey", "Kms:ListKeys", "Kms:EnableKey", "Kms:DisableKey", "Kms:ScheduleKeyDeletion", "Kms:CancelKeyDeletion",
            "Kms:UpdateKeyDescription", "Kms:SetDeletionProtection", "Kms:CreateAlias", "Kms:UpdateAlias", "Kms:DeleteAlias",
            "Kms:ListAliases", "Kms:ListAliasesByKeyId", "Ecs:CreateDisk", "Ecs:DescribeDisks", "Ecs:DeleteDisk", "Ecs:ResizeDisk",
            "Ecs:ModifyDiskAttribute", "Ecs:CreateSnapshot", "Ecs:DescribeSnapshots", "Ecs:DeleteSnapshot", "Ecs:ModifySnapshotAttribute",
            "Ecs:CopySnapshot", "Ecs:CreateImage", "Ecs:DescribeImages", "Ecs:DeleteImage", "Ecs:CopyImage", "Ecs:ModifyImageSharePermission",
            "Ecs:DescribeImageSharePermission", "Ecs:RunInstances", "Ecs:CreateInstance", "Ecs:DescribeInstances", "Ecs:StartInstance",
            "Ecs:StopInstance", "Ecs:DeleteInstance", "Ecs:DeleteInstances", "Ecs:AttachDisk", "Ecs:DetachDisk", "Kms:Encrypt", "Kms:Decrypt",
            "Kms:GenerateDataKey", "Kms:GenerateDataKeyWithoutPlaintext", "Kms:ReEncrypt", "Kms:GetParametersForImport", "Kms:ImportKeyMaterial",
            "Kms:DeleteKeyMaterial", "Kms:CreateKeyVersion", "Kms:DescribeKeyVersion", "Kms:ListKeyVersions", "Kms:UpdateRotationPolicy",
            "Kms:GetPublicKey", "Kms:AsymmetricSign", "Kms:AsymmetricVerify", "Kms:AsymmetricEncrypt", "Kms:AsymmetricDecrypt",
            "Ram:CreateUser", "Ram:GetUser", "Ram:ListUsers", "Ram:DeleteUser", "Ram:CreateAccessKey", "Ram:ListAccessKeys",
            "Ram:UpdateAccessKey", "Ram:DeleteAccessKey", "Ram:CreatePolicy", "Ram:GetPolicy", "Ram:ListPolicies", "Ram:DeletePolicy",
            "Ram:AttachPolicyToUser", "Ram:DetachPolicyFromUser", "Ram:ListPoliciesForUser", "Ram:CreateRole", "Ram:GetRole",
            "Ram:ListRoles", "Ram:DeleteRole",
        ];
        Assert.All(expected, action => Assert.Contains(action, actions));
        Assert.Equal(expected.Length, actions.Count);
    }
}
