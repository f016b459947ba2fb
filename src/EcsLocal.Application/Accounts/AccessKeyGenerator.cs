using System.Security.Cryptography;

namespace EcsLocal.Application.Accounts;

/// <summary>Generates AccessKey ids and secrets in the form Alibaba Cloud issues them.</summary>
internal static class AccessKeyGenerator
{
    private const string AlphaNumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Returns <c>LTAI</c> followed by 20 random letters and digits.</summary>
    public static string NewId() => "LTAI" + RandomNumberGenerator.GetString(AlphaNumeric, 20);

    /// <summary>Returns 30 random letters and digits.</summary>
    public static string NewSecret() => RandomNumberGenerator.GetString(AlphaNumeric, 30);
}
