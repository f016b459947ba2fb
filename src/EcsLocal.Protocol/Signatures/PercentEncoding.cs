using System.Text;

namespace EcsLocal.Protocol.Signatures;

public static class PercentEncoding
{
    /// <summary>
    /// Encodes text as both Alibaba signature styles require: UTF-8 bytes, with <c>A-Z a-z 0-9 - _ . ~</c> kept and every
    /// other byte written as <c>%XX</c> in upper-case hex, so a space is <c>%20</c>.
    /// </summary>
    public static string Rfc3986(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
