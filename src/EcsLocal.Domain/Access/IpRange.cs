using System.Globalization;
using System.Net;

namespace EcsLocal.Domain.Access;

/// <summary>An IPv4 or IPv6 CIDR block. A bare address is a block of one address.</summary>
/// <remarks>
/// Host bits after the prefix are ignored, so <c>10.0.0.1/8</c> is the block <c>10.0.0.0/8</c>.
/// <see cref="System.Net.IPNetwork"/> rejects such values, which RAM examples use.
/// </remarks>
internal sealed class IpRange(byte[] network, int prefixLength)
{
    public byte[] Network { get; } = network;

    public int PrefixLength { get; } = prefixLength;

    public static IpRange? Parse(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? value : value[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        var maxPrefix = bytes.Length * 8;
        var prefix = maxPrefix;
        if (slash >= 0 && !int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
        {
            return null;
        }

        return prefix <= maxPrefix ? new IpRange(bytes, prefix) : null;
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6 && Network.Length == 4)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (bytes.Length != Network.Length)
        {
            return false;
        }

        var fullBytes = PrefixLength / 8;
        for (var i = 0; i < fullBytes; i++)
        {
            if (bytes[i] != Network[i])
            {
                return false;
            }
        }

        var remainingBits = PrefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (bytes[fullBytes] & mask) == (Network[fullBytes] & mask);
    }
}
