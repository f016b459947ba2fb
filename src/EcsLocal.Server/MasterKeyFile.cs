using System.Security.Cryptography;
using EcsLocal.Application.Security;

namespace EcsLocal.Server;

/// <summary>
/// Loads the server master key that protects AccessKey secrets: from the <c>MasterKey</c> setting when given,
/// else from <c>master.key</c> in the data directory, which is created with owner-only permissions on first use.
/// </summary>
internal static class MasterKeyFile
{
    public const string FileName = "master.key";

    public static byte[] LoadOrCreate(ServerOptions options)
    {
        if (!string.IsNullOrEmpty(options.MasterKey))
        {
            return Decode(options.MasterKey, "the ECSLOCAL_MASTER_KEY setting");
        }

        var path = Path.Combine(options.DataDirectory, FileName);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        var key = RandomNumberGenerator.GetBytes(SecretProtector.MasterKeyLength);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, fileOptions))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        return key;
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            if (key.Length == SecretProtector.MasterKeyLength)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new StartupException($"The master key in {source} is not {SecretProtector.MasterKeyLength} bytes in Base64.");
    }
}

/// <summary>A configuration or data problem that stops the program with a message and exit status 1.</summary>
internal sealed class StartupException(string message) : Exception(message);
