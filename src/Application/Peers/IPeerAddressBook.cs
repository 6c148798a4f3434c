namespace Rapport.Application.Peers;

/// <summary>The peers this node remembers, so it can reach them again after a restart or a lost connection.</summary>
public interface IPeerAddressBook
{
    /// <summary>Adds <paramref name="address"/> (a multiaddr ending in the peer id) to the peer's addresses; known addresses are kept.</summary>
    Task RememberAsync(string peerId, string address, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>A connection was established: the failure count starts again from zero.</summary>
    Task RecordConnectedAsync(string peerId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>A dial attempt to every known address failed.</summary>
    Task RecordFailureAsync(string peerId, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<KnownPeer?> FindAsync(string peerId, CancellationToken cancellationToken = default);

    /// <summary>Every known peer, ordered by peer id.</summary>
    Task<IReadOnlyList<KnownPeer>> ListAsync(CancellationToken cancellationToken = default);
}
