using Microsoft.Extensions.Logging;
using Rapport.Adapters.Libp2p;
using Rapport.Application.Peers;
using Rapport.Domain.Common;
using Rapport.Host.Control;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Daemon;

/// <summary>Reaches a peer: its open connection if there is one, otherwise a dial of the addresses the address book holds for it.</summary>
public sealed class PeerConnector(Libp2pHost host, PeerDirectory directory, ILogger<PeerConnector> logger)
{
    /// <summary>Dials <paramref name="address"/> (which must name the peer) and remembers it on success.</summary>
    public async Task<Result<PeerConnection>> ConnectAsync(Multiaddr address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var connected = await host.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        if (connected.IsSuccess)
        {
            var peer = connected.Value.RemotePeer.ToString();
            await directory.RememberAsync(peer, [address.WithoutPeerId().With(connected.Value.RemotePeer).ToString()], cancellationToken).ConfigureAwait(false);
            await directory.ConnectedAsync(peer, cancellationToken).ConfigureAwait(false);
        }

        return connected.ToRapport();
    }

    public async Task<Result<Unit>> EnsureAsync(string peerIdText, CancellationToken cancellationToken)
    {
        var peer = PeerId.Parse(peerIdText);
        if (peer.IsFailure)
        {
            return new Error(PeerErrors.InvalidPeerId, $"'{peerIdText}' is not a peer id: {peer.Error.Message}", "peer");
        }

        if (host.TryGetConnection(peer.Value, out _))
        {
            return Result.Ok();
        }

        var known = await directory.FindAsync(peerIdText, cancellationToken).ConfigureAwait(false);
        if (known is null || known.Addresses.Count == 0)
        {
            return new Error(PeerErrors.NoAddress, $"not connected to {peerIdText} and no address of it is known; connect with `rapport peers connect MULTIADDR`");
        }

        Error? last = null;
        foreach (var text in known.Addresses)
        {
            var address = Multiaddr.Parse(text);
            if (address.IsFailure)
            {
                continue;
            }

            DaemonLog.Dialing(logger, text);
            var connected = await ConnectAsync(address.Value, cancellationToken).ConfigureAwait(false);
            if (connected.IsSuccess)
            {
                return Result.Ok();
            }

            last = connected.Error;
            DaemonLog.DialFailed(logger, text, connected.Error.Message);
        }

        await directory.FailedAsync(peerIdText, cancellationToken).ConfigureAwait(false);
        return last ?? new Error(PeerErrors.NoAddress, $"no valid address of {peerIdText} is known");
    }
}
