using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Rapport.Libp2p.Addressing;

namespace Rapport.Host.Composition;

internal static class ListenAddresses
{
    /// <summary>
    /// What to tell a user to dial: a wildcard listen address (0.0.0.0 or ::) is expanded to this machine's
    /// interface addresses of the same family, since nobody can dial the wildcard itself.
    /// </summary>
    public static IEnumerable<Multiaddr> Dialable(Multiaddr listening)
    {
        var text = listening.ToString();
        var wildcard4 = text.StartsWith("/ip4/0.0.0.0/", StringComparison.Ordinal);
        var wildcard6 = text.StartsWith("/ip6/::/", StringComparison.Ordinal);
        if (!wildcard4 && !wildcard6)
        {
            yield return listening;
            yield break;
        }

        var family = wildcard4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        var prefix = wildcard4 ? "/ip4/0.0.0.0" : "/ip6/::";
        foreach (var address in LocalAddresses(family))
        {
            var parsed = Multiaddr.Parse((wildcard4 ? "/ip4/" : "/ip6/") + address + text[prefix.Length..]);
            if (parsed.IsSuccess)
            {
                yield return parsed.Value;
            }
        }
    }

    private static IEnumerable<IPAddress> LocalAddresses(AddressFamily family) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == family && !a.IsIPv6LinkLocal)
            .Distinct()
            .OrderBy(a => IPAddress.IsLoopback(a) ? 0 : 1);
}
