namespace Rapport.Libp2p.Addressing;

/// <summary>A multiaddr protocol from the multiformats table. <see cref="Size"/>: bits of a fixed value, 0 for none, -1 for varint-length-prefixed.</summary>
public sealed record MultiaddrProtocol(int Code, string Name, int Size)
{
    public const int VariableSize = -1;

    public static readonly MultiaddrProtocol Ip4 = new(4, "ip4", 32);
    public static readonly MultiaddrProtocol Tcp = new(6, "tcp", 16);
    public static readonly MultiaddrProtocol Ip6 = new(41, "ip6", 128);
    public static readonly MultiaddrProtocol Dns = new(53, "dns", VariableSize);
    public static readonly MultiaddrProtocol Dns4 = new(54, "dns4", VariableSize);
    public static readonly MultiaddrProtocol Dns6 = new(55, "dns6", VariableSize);
    public static readonly MultiaddrProtocol Udp = new(273, "udp", 16);
    public static readonly MultiaddrProtocol P2pCircuit = new(290, "p2p-circuit", 0);
    public static readonly MultiaddrProtocol P2p = new(421, "p2p", VariableSize);
    public static readonly MultiaddrProtocol Tls = new(448, "tls", 0);
    public static readonly MultiaddrProtocol Noise = new(454, "noise", 0);
    public static readonly MultiaddrProtocol QuicV1 = new(461, "quic-v1", 0);
    public static readonly MultiaddrProtocol Ws = new(477, "ws", 0);
    public static readonly MultiaddrProtocol Wss = new(478, "wss", 0);

    public static IReadOnlyList<MultiaddrProtocol> All { get; } =
        [Ip4, Tcp, Ip6, Dns, Dns4, Dns6, Udp, P2pCircuit, P2p, Tls, Noise, QuicV1, Ws, Wss];

    public static MultiaddrProtocol? FromCode(ulong code)
    {
        foreach (var p in All)
        {
            if ((ulong)p.Code == code)
            {
                return p;
            }
        }

        return null;
    }

    public static MultiaddrProtocol? FromName(ReadOnlySpan<char> name)
    {
        foreach (var p in All)
        {
            if (name.SequenceEqual(p.Name))
            {
                return p;
            }
        }

        // "ipfs" is the historical name of p2p and still appears in addresses.
        return name.SequenceEqual("ipfs") ? P2p : null;
    }
}
