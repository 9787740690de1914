using System.Net;
using System.Net.NetworkInformation;
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
        else if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.GetAddressBytes() is var v6 && v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff
            && v6[3] == 0x9b
                 && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            ip = new IPAddress(v6.AsSpan(12, 4));
        }

        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal
            || ip.IsIPv6UniqueLocal
            || ip.IsIPv6Multicast)
        {
            return true;
        }

        var b = ip.GetAddressBytes();
        return ip.AddressFamily == AddressFamily.InterNetwork
            && (b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
    }

    // IANA's IPv4 and IPv6 special-purpose address registries: every block whose "Globally Reachable" is False (or N/A, as
    // 6to4, Teredo and the old 6to4 relay anycast, which hand the packet to a relay toward an address they embed), and
    // multicast and reserved space. The few blocks inside them that are globally reachable (anycast services) follow.
    private static readonly IPNetwork[] NotGlobalV4 = Networks(
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

    private static readonly IPNetwork[] GlobalInsideV4 = Networks("192.0.0.9/32", "192.0.0.10/32");

    /// <summary>Global unicast (2000::/3) is the only IPv6 space assigned for the Internet; outside it, all is special or reserved.</summary>
    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork[] NotGlobalV6 = Networks("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20");

    private static readonly IPNetwork[] GlobalInsideV6 = Networks(
        "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:3::/32", "2001:4:112::/48", "2001:20::/28", "2001:30::/28");

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private static readonly IPNetwork IPv4Compatible = IPNetwork.Parse("::/96");

    /// <summary>
    /// Whether an address is one a user-chosen outbound URL may reach: globally reachable unicast in IANA's special-purpose
    /// registries. An IPv4 address written as IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d)
    /// is judged as the IPv4 address it carries. An allow-list: space not known to be global is refused.
    /// </summary>
    public static bool IsGloballyReachable(IPAddress ip)
    {
        ip = Unwrapped(ip);
        return ip.AddressFamily switch
        {
            AddressFamily.InterNetwork => !NotGlobalV4.Any(n => n.Contains(ip)) || GlobalInsideV4.Any(n => n.Contains(ip)),
            AddressFamily.InterNetworkV6 => GlobalUnicastV6.Contains(ip) && (!NotGlobalV6.Any(n => n.Contains(ip)) || GlobalInsideV6.Any(n => n.Contains(ip))),
            _ => false,
        };
    }

    /// <summary>The address itself, or the IPv4 address an IPv6 form carries (mapped, compatible or NAT64); IPv6 without its scope.</summary>
    public static IPAddress Unwrapped(IPAddress ip)
    {
        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        var bare = new IPAddress(bytes);
        return IPv4Compatible.Contains(bare) || Nat64.Contains(bare) ? new IPAddress(bytes.AsSpan(12, 4)) : bare;
    }

    private static volatile HostSnapshot? thisHost;

    /// <summary>Whether the address is one of this machine's own (its interfaces', and what its host name resolves to).</summary>
    public static bool IsThisHost(IPAddress ip) => ThisHost().Addresses.Contains(Unwrapped(ip));

    /// <summary>Whether the name is this machine's host name (or its fully qualified form), in any case, with or without a final dot.</summary>
    public static bool IsThisHostName(string host) => ThisHost().Names.Contains(host.TrimEnd('.'));

    /// <summary>Read again every minute: an address given by DHCP or added to an interface is ours from then on.</summary>
    private static HostSnapshot ThisHost()
    {
        if (thisHost is { } known && DateTime.UtcNow - known.At < TimeSpan.FromMinutes(1))
        {
            return known;
        }

        var addresses = new HashSet<IPAddress>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var address in NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses))
            {
                addresses.Add(Unwrapped(address.Address));
            }
        }
        catch (NetworkInformationException)
        {
            // Without the interfaces' list, the registry's blocks still refuse every private and loopback address.
        }

        var name = Dns.GetHostName();
        names.Add(name.TrimEnd('.'));
        try
        {
            var entry = Dns.GetHostEntry(name);
            names.Add(entry.HostName.TrimEnd('.'));
            addresses.UnionWith(entry.AddressList.Select(Unwrapped));
        }
        catch (SocketException)
        {
            // A host name that does not resolve adds no address.
        }

        var fresh = new HostSnapshot(DateTime.UtcNow, addresses, names);
        thisHost = fresh;
        return fresh;
    }

    private sealed record HostSnapshot(DateTime At, HashSet<IPAddress> Addresses, HashSet<string> Names);

    private static IPNetwork[] Networks(params string[] cidrs) => [.. cidrs.Select(c => IPNetwork.Parse(c))];
}
