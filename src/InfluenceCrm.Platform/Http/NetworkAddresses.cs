using System.Net;
using System.Net.Sockets;

namespace InfluenceCrm.Platform.Http;

/// <summary>Addresses an outbound URL chosen by a user must not reach: ours, our network's, and the cloud's metadata service.</summary>
public static class NetworkAddresses
{
    /// <summary>
    /// Loopback, unspecified, private (RFC 1918, IPv6 unique-local and site-local), link-local (which holds the cloud
    /// metadata address 169.254.169.254), carrier-grade NAT (100.64/10, where some clouds put theirs), multicast and
    /// reserved ranges; IPv4 inside IPv6 (mapped, or NAT64's 64:ff9b::/96) is judged as the IPv4 it carries.
    /// </summary>
    public static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        else if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.GetAddressBytes() is var v6 && v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b
                 && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            ip = new IPAddress(v6.AsSpan(12, 4));
        }

        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal
            || ip.IsIPv6Multicast)
        {
            return true;
        }

        var b = ip.GetAddressBytes();
        return ip.AddressFamily == AddressFamily.InterNetwork
            && (b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
    }
}
