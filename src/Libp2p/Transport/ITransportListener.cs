using Rapport.Libp2p.Addressing;

namespace Rapport.Libp2p.Transport;

/// <summary>A listening endpoint of an <see cref="ITransport"/>, handing out accepted connections with their remote address.</summary>
public interface ITransportListener : IAsyncDisposable, IDisposable
{
    /// <summary>The bound address (with the actual port when 0 was asked for).</summary>
    Multiaddr LocalAddress { get; }

    Task<(Stream Stream, Multiaddr Remote)> AcceptAsync(CancellationToken ct);
}
