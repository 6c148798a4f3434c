using Microsoft.Data.Sqlite;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Contacts;
using Rapport.Domain.SharedRecords;

namespace Rapport.Adapters.Storage.Sqlite.SharedRecords;

/// <summary>
/// Shared-record replicas, one row per CRDT entry (see the V21 migration). A save writes the pair row, the version
/// vector and the watermarks (a handful of rows) and then only the field, tag and interaction entries the change names,
/// each with one reused prepared statement.
/// </summary>
internal sealed class SqliteSharedRecordStore(SqliteUnitOfWork unitOfWork) : ISharedRecordStore
{
    private const string Pair = "business = $business AND customer = $customer";

    public Task<SharedRecord?> FindAsync(SharedRecordPair pair, string localNodeId, CancellationToken cancellationToken = default) =>
        FindAsync(pair, localNodeId, InteractionsToLoad.All, cancellationToken);

    public async Task<SharedRecord?> FindAsync(SharedRecordPair pair, string localNodeId, InteractionsToLoad interactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(interactions);
        HlcTimestamp? latest;
        await using (var command = PairCommand("SELECT latest_physical, latest_counter, latest_node FROM shared_record WHERE " + Pair, pair))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            latest = reader.IsDBNull(0) ? null : Stamp(reader, 0);
        }

        var record = SharedRecord.Create(localNodeId);

        // Watermarks first: fields stored after a purge are stamped above their watermark and merge in untouched.
        foreach (var (key, watermark) in await ReadAsync(pair, "SELECT key, physical, counter, node FROM shared_field_watermark WHERE " + Pair, r => (r.GetString(0), Stamp(r, 1)), cancellationToken).ConfigureAwait(false))
        {
            record.Purge([key], watermark);
        }

        var fields = await ReadAsync(
            pair,
            "SELECT key, value, physical, counter, node FROM shared_field WHERE " + Pair,
            r => new FieldWrite(r.GetString(0), r.IsDBNull(1) ? LwwRegister<string>.Cleared(Stamp(r, 2)) : LwwRegister<string>.Set(r.GetString(1), Stamp(r, 2))),
            cancellationToken).ConfigureAwait(false);
        var adds = await ReadAsync(
            pair,
            "SELECT dot_physical, dot_counter, dot_node, tag FROM shared_tag_add WHERE " + Pair,
            r => KeyValuePair.Create(Stamp(r, 0), r.GetString(3)),
            cancellationToken).ConfigureAwait(false);
        var tombstones = await ReadAsync(
            pair,
            "SELECT dot_physical, dot_counter, dot_node, physical, counter, node FROM shared_tag_tombstone WHERE " + Pair,
            r => KeyValuePair.Create(Stamp(r, 0), Stamp(r, 3)),
            cancellationToken).ConfigureAwait(false);
        var loaded = await ReadInteractionsAsync(pair, interactions, cancellationToken).ConfigureAwait(false);
        var versions = await ReadAsync(pair, "SELECT physical, counter, node FROM shared_record_version WHERE " + Pair, r => Stamp(r, 0), cancellationToken).ConfigureAwait(false);

        // The stored state is replayed as one delta covering the stored vector from nothing, which restores entries,
        // vector and latest stamp exactly.
        record.Apply(new SharedRecordDelta(
            [.. fields],
            ObservedRemoveSet<string>.FromParts(adds, tombstones),
            GrowOnlySet<SharedInteraction>.Of(loaded),
            VersionVector.Empty,
            VersionVector.From(versions)));
        if (latest is { } seen && (record.LatestStamp is not { } restored || seen > restored))
        {
            // A coverage whose From is not reached only raises the latest stamp; the vector stays as stored.
            record.Apply(new SharedRecordDelta([], ObservedRemoveSet<string>.Empty, GrowOnlySet<SharedInteraction>.Empty, VersionVector.Of(seen), VersionVector.Of(seen)));
        }

        return record;
    }

    public async Task SaveAsync(SharedRecordPair pair, SharedRecord record, RecordChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(changes);
        await using (var upsert = PairCommand(
            """
            INSERT INTO shared_record (business, customer, latest_physical, latest_counter, latest_node)
            VALUES ($business, $customer, $physical, $counter, $node)
            ON CONFLICT (business, customer) DO UPDATE SET
                latest_physical = excluded.latest_physical, latest_counter = excluded.latest_counter, latest_node = excluded.latest_node
            """, pair))
        {
            AddStamp(upsert, "", record.LatestStamp);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ReplaceAsync(pair, "shared_record_version", "node, physical, counter", record.Versions.Stamps.ToArray(),
            (c, s) => AddStamp(c, "", s), "$node, $physical, $counter", cancellationToken).ConfigureAwait(false);
        await ReplaceAsync(pair, "shared_field_watermark", "key, physical, counter, node", record.PurgeWatermarks.ToArray(),
            (c, w) =>
            {
                c.Parameters.AddWithValue("$key", w.Key);
                AddStamp(c, "", w.Value);
            }, "$key, $physical, $counter, $node", cancellationToken).ConfigureAwait(false);

        if (changes.IsEverything)
        {
            await SaveEverythingAsync(pair, record, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SaveFieldsAsync(pair, record, changes.FieldKeys, cancellationToken).ConfigureAwait(false);
        await SaveTagsAsync(pair, record.TagState, changes.TagDots, cancellationToken).ConfigureAwait(false);
        await SaveInteractionsAsync(pair, changes.InteractionIds.Select(record.InteractionState.Find).OfType<SharedInteraction>(), cancellationToken).ConfigureAwait(false);
    }

    public async Task EnsureAsync(SharedRecordPair pair, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        await using var command = PairCommand("INSERT OR IGNORE INTO shared_record (business, customer) VALUES ($business, $customer)", pair);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkSyncedAsync(SharedRecordPair pair, SyncDirection direction, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var column = direction == SyncDirection.Applied ? "last_applied_at" : "last_sent_at";
        await using var command = PairCommand(
            $"""
            INSERT INTO shared_record (business, customer, {column}) VALUES ($business, $customer, $at)
            ON CONFLICT (business, customer) DO UPDATE SET {column} = excluded.{column}
            """, pair);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredSharedRecord?> FindByCustomerAsync(string customerPeerId, CancellationToken cancellationToken = default)
    {
        string? business = null;
        DateTimeOffset? applied = null;
        DateTimeOffset? sent = null;
        HlcTimestamp? latest = null;
        await using (var row = unitOfWork.Command(
            "SELECT business, latest_physical, latest_counter, latest_node, last_applied_at, last_sent_at FROM shared_record WHERE customer = $customer ORDER BY business LIMIT 1"))
        {
            row.Parameters.AddWithValue("$customer", customerPeerId);
            await using var reader = await row.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            business = reader.GetString(0);
            latest = reader.IsDBNull(1) ? null : Stamp(reader, 1);
            applied = reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero);
            sent = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero);
        }

        var stamps = new List<HlcTimestamp>();
        await using (var versions = unitOfWork.Command("SELECT physical, counter, node FROM shared_record_version WHERE business = $business AND customer = $customer"))
        {
            versions.Parameters.AddWithValue("$business", business);
            versions.Parameters.AddWithValue("$customer", customerPeerId);
            await using var reader = await versions.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stamps.Add(Stamp(reader, 0));
            }
        }

        return new StoredSharedRecord(new SharedRecordPair(business, customerPeerId), VersionVector.From(stamps), latest, applied, sent);
    }

    public async Task<IReadOnlyList<StoredSharedRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var versions = new Dictionary<(string, string), List<HlcTimestamp>>();
        await using (var command = unitOfWork.Command("SELECT business, customer, physical, counter, node FROM shared_record_version"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!versions.TryGetValue(key, out var list))
                {
                    versions[key] = list = [];
                }

                list.Add(Stamp(reader, 2));
            }
        }

        await using var rows = unitOfWork.Command(
            "SELECT business, customer, latest_physical, latest_counter, latest_node, last_applied_at, last_sent_at FROM shared_record ORDER BY business, customer");
        await using var read = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<StoredSharedRecord>();
        while (await read.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var pair = new SharedRecordPair(read.GetString(0), read.GetString(1));
            result.Add(new StoredSharedRecord(
                pair,
                VersionVector.From(versions.GetValueOrDefault((pair.BusinessPeerId, pair.CustomerPeerId)) ?? []),
                read.IsDBNull(2) ? null : Stamp(read, 2),
                read.IsDBNull(5) ? null : new DateTimeOffset(read.GetInt64(5), TimeSpan.Zero),
                read.IsDBNull(6) ? null : new DateTimeOffset(read.GetInt64(6), TimeSpan.Zero)));
        }

        return result;
    }

    public async Task<ContactId?> FindContactByPeerAsync(string peerId, CancellationToken cancellationToken = default)
    {
        // Served by the unique index on contacts.peer_id (CRM migration).
        await using var command = unitOfWork.Command("SELECT id FROM contacts WHERE peer_id = $peer");
        command.Parameters.AddWithValue("$peer", peerId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string id && ContactId.TryParse(id, out var contact)
            ? contact
            : null;
    }

    public async Task<HlcTimestamp?> LatestStampAsync(CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command(
            """
            SELECT latest_physical, latest_counter, latest_node FROM shared_record WHERE latest_physical IS NOT NULL
            ORDER BY latest_physical DESC, latest_counter DESC LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Stamp(reader, 0) : null;
    }

    private async Task<List<SharedInteraction>> ReadInteractionsAsync(SharedRecordPair pair, InteractionsToLoad which, CancellationToken cancellationToken)
    {
        const string Select = "SELECT id, physical, counter, node, kind, summary, occurred_at_ms FROM shared_interaction WHERE " + Pair;
        switch (which)
        {
            case InteractionsToLoad.WithIds { Set: var ids }:
                var found = new List<SharedInteraction>(ids.Count);
                if (ids.Count == 0)
                {
                    return found;
                }

                await using (var command = Prepared(pair, Select + " AND id = $id", "$id"))
                {
                    foreach (var id in ids)
                    {
                        command.Parameters["$id"].Value = id;
                        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            found.Add(ReadInteraction(reader));
                        }
                    }
                }

                return found;
            case InteractionsToLoad.Uncovered { Seen: var seen }:
                // Covered: the author is in the vector and the stamp is at or below its entry (same node, so
                // (physical, counter) decides). Everything else is read.
                var covered = new List<string>();
                await using (var command = PairCommand(Select, pair))
                {
                    var i = 0;
                    foreach (var stamp in seen.Stamps)
                    {
                        covered.Add($"(node = $n{i} AND (physical < $p{i} OR (physical = $p{i} AND counter <= $c{i})))");
                        command.Parameters.AddWithValue($"$n{i}", stamp.NodeId);
                        command.Parameters.AddWithValue($"$p{i}", stamp.PhysicalMs);
                        command.Parameters.AddWithValue($"$c{i}", stamp.Counter);
                        i++;
                    }

                    if (covered.Count > 0)
                    {
                        command.CommandText += $" AND NOT ({string.Join(" OR ", covered)})";
                    }

                    await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    var rows = new List<SharedInteraction>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(ReadInteraction(reader));
                    }

                    return rows;
                }

            default:
                return await ReadAsync(pair, Select, ReadInteraction, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SaveEverythingAsync(SharedRecordPair pair, SharedRecord record, CancellationToken cancellationToken)
    {
        foreach (var table in (string[])["shared_field", "shared_tag_add", "shared_tag_tombstone", "shared_interaction"])
        {
            await using var delete = PairCommand($"DELETE FROM {table} WHERE {Pair}", pair);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var all = record.DeltaSince(VersionVector.Empty);
        await SaveFieldsAsync(pair, record, all.Fields.Select(f => f.Key), cancellationToken).ConfigureAwait(false);
        await SaveTagsAsync(pair, record.TagState, record.TagState.Adds.Keys.Concat(record.TagState.Tombstones.Keys), cancellationToken).ConfigureAwait(false);
        await SaveInteractionsAsync(pair, record.InteractionState.Elements, cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveFieldsAsync(SharedRecordPair pair, SharedRecord record, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        SqliteCommand? upsert = null;
        SqliteCommand? delete = null;
        try
        {
            foreach (var key in keys)
            {
                if (record.GetRegister(key) is { } register)
                {
                    upsert ??= Prepared(pair, "INSERT OR REPLACE INTO shared_field (business, customer, key, value, physical, counter, node) VALUES ($business, $customer, $key, $value, $physical, $counter, $node)", "$key", "$value", "$physical", "$counter", "$node");
                    upsert.Parameters["$key"].Value = key;
                    upsert.Parameters["$value"].Value = register.IsCleared ? DBNull.Value : register.Value;
                    SetStamp(upsert, "", register.Stamp);
                    await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    delete ??= Prepared(pair, $"DELETE FROM shared_field WHERE {Pair} AND key = $key", "$key");
                    delete.Parameters["$key"].Value = key;
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await DisposeAsync(upsert).ConfigureAwait(false);
            await DisposeAsync(delete).ConfigureAwait(false);
        }
    }

    private async Task SaveTagsAsync(SharedRecordPair pair, ObservedRemoveSet<string> tags, IEnumerable<HlcTimestamp> dots, CancellationToken cancellationToken)
    {
        SqliteCommand? add = null;
        SqliteCommand? tombstone = null;
        try
        {
            foreach (var dot in dots)
            {
                if (tags.Adds.TryGetValue(dot, out var tag))
                {
                    add ??= Prepared(pair, "INSERT OR REPLACE INTO shared_tag_add (business, customer, dot_physical, dot_counter, dot_node, tag) VALUES ($business, $customer, $dot_physical, $dot_counter, $dot_node, $tag)", "$dot_physical", "$dot_counter", "$dot_node", "$tag");
                    SetStamp(add, "dot_", dot);
                    add.Parameters["$tag"].Value = tag;
                    await add.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (tags.Tombstones.TryGetValue(dot, out var removedBy))
                {
                    tombstone ??= Prepared(pair, "INSERT OR REPLACE INTO shared_tag_tombstone (business, customer, dot_physical, dot_counter, dot_node, physical, counter, node) VALUES ($business, $customer, $dot_physical, $dot_counter, $dot_node, $physical, $counter, $node)", "$dot_physical", "$dot_counter", "$dot_node", "$physical", "$counter", "$node");
                    SetStamp(tombstone, "dot_", dot);
                    SetStamp(tombstone, "", removedBy);
                    await tombstone.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await DisposeAsync(add).ConfigureAwait(false);
            await DisposeAsync(tombstone).ConfigureAwait(false);
        }
    }

    private async Task SaveInteractionsAsync(SharedRecordPair pair, IEnumerable<SharedInteraction> interactions, CancellationToken cancellationToken)
    {
        SqliteCommand? insert = null;
        try
        {
            foreach (var interaction in interactions)
            {
                insert ??= Prepared(pair, "INSERT OR REPLACE INTO shared_interaction (business, customer, id, physical, counter, node, kind, summary, occurred_at_ms) VALUES ($business, $customer, $id, $physical, $counter, $node, $kind, $summary, $occurred)", "$id", "$physical", "$counter", "$node", "$kind", "$summary", "$occurred");
                insert.Parameters["$id"].Value = interaction.Id;
                SetStamp(insert, "", interaction.Stamp);
                insert.Parameters["$kind"].Value = interaction.Kind;
                insert.Parameters["$summary"].Value = interaction.Summary;
                insert.Parameters["$occurred"].Value = interaction.OccurredAtMs;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await DisposeAsync(insert).ConfigureAwait(false);
        }
    }

    private async Task ReplaceAsync<T>(
        SharedRecordPair pair, string table, string columns, IReadOnlyList<T> rows, Action<SqliteCommand, T> bind, string values, CancellationToken cancellationToken)
    {
        await using (var delete = PairCommand($"DELETE FROM {table} WHERE {Pair}", pair))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var row in rows)
        {
            await using var insert = PairCommand($"INSERT INTO {table} (business, customer, {columns}) VALUES ($business, $customer, {values})", pair);
            bind(insert, row);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<T>> ReadAsync<T>(SharedRecordPair pair, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = PairCommand(sql, pair);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private SqliteCommand PairCommand(string sql, SharedRecordPair pair)
    {
        var command = unitOfWork.Command(sql);
        command.Parameters.AddWithValue("$business", pair.BusinessPeerId);
        command.Parameters.AddWithValue("$customer", pair.CustomerPeerId);
        return command;
    }

    // One statement per entry kind, prepared once and rebound per row.
    private SqliteCommand Prepared(SharedRecordPair pair, string sql, params string[] parameters)
    {
        var command = PairCommand(sql, pair);
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    private static async ValueTask DisposeAsync(SqliteCommand? command)
    {
        if (command is not null)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void AddStamp(SqliteCommand command, string prefix, HlcTimestamp? stamp)
    {
        command.Parameters.AddWithValue($"${prefix}physical", stamp is { } s ? s.PhysicalMs : DBNull.Value);
        command.Parameters.AddWithValue($"${prefix}counter", stamp is { } c ? c.Counter : DBNull.Value);
        command.Parameters.AddWithValue($"${prefix}node", stamp is { } n ? n.NodeId : DBNull.Value);
    }

    private static void SetStamp(SqliteCommand command, string prefix, HlcTimestamp stamp)
    {
        command.Parameters[$"${prefix}physical"].Value = stamp.PhysicalMs;
        command.Parameters[$"${prefix}counter"].Value = stamp.Counter;
        command.Parameters[$"${prefix}node"].Value = stamp.NodeId;
    }

    private static HlcTimestamp Stamp(SqliteDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.GetInt32(first + 1), reader.GetString(first + 2));

    private static SharedInteraction ReadInteraction(SqliteDataReader reader)
    {
        var created = SharedInteraction.Create(reader.GetString(0), Stamp(reader, 1), reader.GetString(4), reader.GetString(5), reader.GetInt64(6));
        return created.TryGetValue(out var interaction)
            ? interaction
            : throw new InvalidDataException($"stored shared interaction '{reader.GetString(0)}' is not valid: {created.Error}");
    }
}
