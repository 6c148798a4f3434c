using Rapport.Adapters.Storage.Sqlite.Contacts;
using Rapport.Application.Peers;

namespace Rapport.Adapters.Storage.Sqlite.Peers;

internal sealed class SqlitePeerAddressBook(SqliteUnitOfWork unitOfWork) : IPeerAddressBook
{
    public async Task RememberAsync(string peerId, string address, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await EnsurePeerAsync(peerId, at, cancellationToken).ConfigureAwait(false);
        await using var command = unitOfWork.Command("INSERT OR IGNORE INTO peer_address (peer_id, address, added_at) VALUES ($peer, $address, $at)");
        command.Parameters.AddWithValue("$peer", peerId);
        command.Parameters.AddWithValue("$address", address);
        command.Parameters.AddWithValue("$at", SqliteTime.ToTicks(at));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordConnectedAsync(string peerId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await EnsurePeerAsync(peerId, at, cancellationToken).ConfigureAwait(false);
        await using var command = unitOfWork.Command("UPDATE peer SET last_connected_at = $at, failures = 0 WHERE peer_id = $peer");
        command.Parameters.AddWithValue("$peer", peerId);
        command.Parameters.AddWithValue("$at", SqliteTime.ToTicks(at));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordFailureAsync(string peerId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await EnsurePeerAsync(peerId, at, cancellationToken).ConfigureAwait(false);
        await using var command = unitOfWork.Command("UPDATE peer SET failures = failures + 1, last_failure_at = $at WHERE peer_id = $peer");
        command.Parameters.AddWithValue("$peer", peerId);
        command.Parameters.AddWithValue("$at", SqliteTime.ToTicks(at));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<KnownPeer?> FindAsync(string peerId, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync("WHERE p.peer_id = $peer", peerId, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<KnownPeer>> ListAsync(CancellationToken cancellationToken = default) => QueryAsync("", null, cancellationToken);

    private async Task EnsurePeerAsync(string peerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command("INSERT OR IGNORE INTO peer (peer_id, first_seen_at) VALUES ($peer, $at)");
        command.Parameters.AddWithValue("$peer", peerId);
        command.Parameters.AddWithValue("$at", SqliteTime.ToTicks(at));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<KnownPeer>> QueryAsync(string where, string? peerId, CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command(
            $"""
            SELECT p.peer_id, p.first_seen_at, p.last_connected_at, p.failures, p.last_failure_at, a.address
            FROM peer p LEFT JOIN peer_address a ON a.peer_id = p.peer_id
            {where}
            ORDER BY p.peer_id, a.added_at, a.address
            """);
        if (peerId is not null)
        {
            command.Parameters.AddWithValue("$peer", peerId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var peers = new List<KnownPeer>();
        var addresses = new List<string>();
        KnownPeer? current = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            if (current is null || current.PeerId != id)
            {
                if (current is not null)
                {
                    peers.Add(current with { Addresses = addresses });
                }

                addresses = [];
                current = new KnownPeer(
                    id,
                    [],
                    SqliteTime.FromTicks(reader.GetInt64(1)),
                    reader.IsDBNull(2) ? null : SqliteTime.FromTicks(reader.GetInt64(2)),
                    reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : SqliteTime.FromTicks(reader.GetInt64(4)));
            }

            if (!reader.IsDBNull(5))
            {
                addresses.Add(reader.GetString(5));
            }
        }

        if (current is not null)
        {
            peers.Add(current with { Addresses = addresses });
        }

        return peers;
    }
}
