using Rapport.Libp2p.Addressing;

namespace Rapport.Libp2p.Transport;

/// <summary>
/// How a host reaches peers and is reached (go-libp2p's transport.Transport, rust-libp2p's Transport): raw byte
/// streams to and from multiaddrs, neither secured nor multiplexed — the host upgrades what a transport hands it.
/// </summary>
public interface ITransport
{
    /// <summary>Whether this transport dials <paramref name="address"/> (TCP: an IP or DNS address followed by /tcp).</summary>
    bool CanDial(Multiaddr address);

    /// <summary>Connects to <paramref name="address"/>; the caller bounds the time with <paramref name="ct"/>.</summary>
    /// <exception cref="ArgumentException">The address is not one this transport dials.</exception>
    /// <exception cref="IOException">The connection could not be made (a SocketException for TCP).</exception>
    Task<Stream> DialAsync(Multiaddr address, CancellationToken ct);

    /// <summary>Listens on <paramref name="address"/> (TCP: port 0 picks a free port).</summary>
    /// <exception cref="ArgumentException">The address is not one this transport listens on.</exception>
    Task<ITransportListener> ListenAsync(Multiaddr address, CancellationToken ct);
}
