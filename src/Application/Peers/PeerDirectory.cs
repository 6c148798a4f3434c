using Rapport.Application.Common;

namespace Rapport.Application.Peers;

/// <summary>The node's use of its address book: each call is one short transaction.</summary>
public sealed class PeerDirectory(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task RememberAsync(string peerId, IEnumerable<string> addresses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.UtcNow;
        foreach (var address in addresses)
        {
            await work.Peers.RememberAsync(peerId, address, now, cancellationToken).ConfigureAwait(false);
        }

        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ConnectedAsync(string peerId, CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await work.Peers.RecordConnectedAsync(peerId, clock.UtcNow, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FailedAsync(string peerId, CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await work.Peers.RecordFailureAsync(peerId, clock.UtcNow, cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<KnownPeer?> FindAsync(string peerId, CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        return await work.Peers.FindAsync(peerId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KnownPeer>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        return await work.Peers.ListAsync(cancellationToken).ConfigureAwait(false);
    }
}
