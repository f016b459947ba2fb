namespace EcsLocal.Domain.Access;

/// <summary>A policy that Alibaba Cloud manages: callers can attach it but not change it.</summary>
/// <param name="Document">The policy document text, as RAM returns it in GetPolicyVersion.</param>
public sealed record SystemPolicy(string Name, string Description, string DefaultVersion, string Document)
{
    /// <summary>The parsed <see cref="Document"/>.</summary>
    public PolicyDocument ParsedDocument { get; } = PolicyDocument.Parse(Document).Value;
}

/// <summary>The system policies that EcsLocal offers, with the documents Alibaba Cloud publishes for them.</summary>
/// <remarks>
/// Sources, from the Alibaba Cloud documentation: the RAM "System policy reference" pages for AliyunKMSFullAccess
/// (v3), AliyunKMSReadOnlyAccess (v3) and AliyunRAMReadOnlyAccess (v3), and the ECS page "System policies for ECS" for
/// AliyunECSFullAccess and AliyunECSReadOnlyAccess. Whitespace differs from the published text.
/// NOTE: every policy reports DefaultVersion v1 because EcsLocal stores one version, although RAM reports v3 for
/// the three policies above. The documents of AliyunRAMFullAccess and AdministratorAccess were not found and are
/// reconstructed from their descriptions (all RAM actions, and all actions of every service). Only the descriptions
/// of AliyunKMSReadOnlyAccess and AliyunRAMReadOnlyAccess were found, and the others follow their wording.
/// </remarks>
public static class SystemPolicies
{
    /// <summary>The default version of every system policy in EcsLocal.</summary>
    public const string Version = "v1";

    public static readonly SystemPolicy AdministratorAccess = new(
        "AdministratorAccess",
        "Provides full access to Alibaba Cloud services and resources.",
        Version,
        """
        {
          "Version": "1",
          "Statement": [
            {
              "Action": "*",
              "Effect": "Allow",
              "Resource": "*"
            }
          ]
        }
        """);

    public static readonly SystemPolicy AliyunEcsFullAccess = new(
        "AliyunECSFullAccess",
        "Provides full access to Elastic Compute Service(ECS) via Management Console.",
        Version,
        """
        {
          "Version": "1",
          "Statement": [
            {
              "Action": "ecs:*",
              "Resource": "*",
              "Effect": "Allow"
            },
            {
              "Action": [
                "vpc:DescribeVpcs",
                "vpc:DescribeVSwitches"
              ],
              "Resource": "*",
              "Effect": "Allow"
            }
          ]
        }
        """);

    public static readonly SystemPolicy AliyunEcsReadOnlyAccess = new(
        "AliyunECSReadOnlyAccess",
        "Provides read-only access to Elastic Compute Service(ECS) via Management Console.",
        Version,
        """
        {
          "Version": "1",
          "Statement": [
            {
              "Action": "ecs:Describe*",
              "Resource": "*",
              "Effect": "Allow"
            },
            {
              "Action": "ecs:List*",
              "Resource": "*",
              "Effect": "Allow"
            },
            {
              "Action": [
                "vpc:DescribeVpcs",
                "vpc:DescribeVSwitches"
              ],
              "Resource": "*",
              "Effect": "Allow"
            }
          ]
        }
        """);

    public static readonly SystemPolicy AliyunKmsFullAccess = new(
        "AliyunKMSFullAccess",
        "Provides full access to Key Management Service(KMS) via Management Console.",
        Version,
        """
        {
          "Version": "1",
          "Statement": [
            {
              "Action": "kms:*",
              "Resource": "*",
              "Effect": "Allow"
            },
            {
              "Action": "ram:CreateServiceLinkedRole",
              "Condition": {
                "StringEquals": {
                  "ram:ServiceName": [
                    "secretsmanager-rds.kms.aliyuncs.com",
                    "keystore.kms.aliyuncs.com"
                  ]
                }
              },
              "Resource": "*",
              "Effect": "Allow"
            }
          ]
        }
        """);

    public static readonly SystemPolicy AliyunKmsReadOnlyAccess = new(
        "AliyunKMSReadOnlyAccess",
        "Provides read-only access to Key Management Service via Management Console.",
        Version,
        """
        {
          "Version": "1",
          "Statement": [
            {
              "Action": [
                "kms:List*",
                "kms:Describe*",
                "kms:GetPublicKey",
                "kms:GetUploadBackupDataInfo",
                "kms:GetKmsInstanceSharedAccounts",
                "kms:GetKmsInstanceQuotaInfos",
                "kms:GetCheckAssociateResourceTaskResults",
                "kms:GetKeyPolicy",
                "kms:GetKeyDefaultPolicy",
                "kms:GetSecretPolicy",
                "kms:GetSecretDefaultPolicy",
                "kms:GetKmsInstance",
                "kms:GetDefaultKmsInstance"
              ],
              "Resource": "*",
              "Effect": "Allow"
            }
          ]
        }
        """);

    public static readonly SystemPolicy AliyunRamFullAccess = new(
        "AliyunRAMFullAccess",
        "Provides full access to Resource Access Management(RAM) via Management Console.",
        Version,
        """
        {
          "Version": "1",
          "Statement": [
            {
              "Action": "ram:*",
              "Resource": "*",
              "Effect": "Allow"
            }
          ]
        }
        """);

    public static readonly SystemPolicy AliyunRamReadOnlyAccess = new(
        "AliyunRAMReadOnlyAccess",
        "Provides read-only access to Resource Access Management(RAM) via Management Console.",
        Version,
        """
        {
          "Version": "1",
          "Statement": [
            {
              "Action": [
                "ram:Get*",
                "ram:List*",
                "ram:GenerateCredentialReport"
              ],
              "Resource": "*",
              "Effect": "Allow"
            },
            {
              "Effect": "Allow",
              "Action": [
                "accessanalyzer:Get*",
                "accessanalyzer:List*"
              ],
              "Resource": "*"
            }
          ]
        }
        """);

    /// <summary>Every system policy, in name order.</summary>
    public static IReadOnlyList<SystemPolicy> All { get; } =
    [
        AdministratorAccess,
        AliyunEcsFullAccess,
        AliyunEcsReadOnlyAccess,
        AliyunKmsFullAccess,
        AliyunKmsReadOnlyAccess,
        AliyunRamFullAccess,
        AliyunRamReadOnlyAccess,
    ];

    /// <summary>Returns the system policy with this exact name, or null.</summary>
    public static SystemPolicy? Find(string name) => All.FirstOrDefault(policy => policy.Name == name);
}
