using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Rapport.Application.Audit;
using Rapport.Domain.Audit;

namespace Rapport.Adapters.Storage.Sqlite.Audit;

internal sealed class SqliteAuditStore(SqliteUnitOfWork unitOfWork) : IAuditStore
{
    private const string Columns = "sequence, at, actor, action, subject, contact_id, detail, previous_hash, hash";

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        var previous = await LastAsync(cancellationToken).ConfigureAwait(false);
        var entry = AuditEntry.Append(previous, auditEvent);
        await InsertAsync(entry, cancellationToken).ConfigureAwait(false);
        await IndexContactsAsync([entry], cancellationToken).ConfigureAwait(false);
        unitOfWork.Appended(entry);
    }

    public async Task AppendRangeAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        if (auditEvents.Count == 0)
        {
            return;
        }

        var previous = await LastAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>(auditEvents.Count);
        previous = await unitOfWork.WithCommandAsync(InsertSql, AddInsertParameters, async command =>
        {
            var last = previous;
            foreach (var auditEvent in auditEvents)
            {
                last = AuditEntry.Append(last, auditEvent);
                await InsertAsync(command, last, cancellationToken).ConfigureAwait(false);
                entries.Add(last);
            }

            return last;
        }).ConfigureAwait(false);

        await IndexContactsAsync(entries, cancellationToken).ConfigureAwait(false);
        unitOfWork.Appended(previous!);
    }

    public async Task<AuditHead> HeadAsync(CancellationToken cancellationToken = default) =>
        await LastAsync(cancellationToken).ConfigureAwait(false) is { } last ? AuditHead.Of(last) : AuditHead.Empty;

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT COUNT(*) FROM audit_log");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command($"SELECT {Columns} FROM audit_log ORDER BY sequence");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string>();
        await using var command = unitOfWork.Command(string.Empty);
        if (query.Since is { } since)
        {
            filters.Add("at >= $since");
            command.Parameters.AddWithValue("$since", since.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        if (query.ContactId is { } contact)
        {
            filters.Add("(contact_id = $contact OR sequence IN (SELECT sequence FROM audit_contacts WHERE contact_id = $contact))");
            command.Parameters.AddWithValue("$contact", contact);
        }

        if (query.Until is { } until)
        {
            filters.Add("at < $until");
            command.Parameters.AddWithValue("$until", until.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        if (query.BeforeSequence is { } beforeSequence)
        {
            filters.Add("sequence < $beforeSequence");
            command.Parameters.AddWithValue("$beforeSequence", beforeSequence);
        }

        if (query.Actor is { } actor)
        {
            filters.Add("actor = $actor");
            command.Parameters.AddWithValue("$actor", actor);
        }

        if (query.ActionPrefix is { } action)
        {
            filters.Add("substr(action, 1, length($action)) = $action");
            command.Parameters.AddWithValue("$action", action);
        }

        if (query.Verdict is { } verdict)
        {
            // A single decision says "verdict=deny"; a bulk entry has a line "CONTACT deny REASONS SNAPSHOT" per contact.
            filters.Add("action LIKE 'policy.decided%' AND (instr(detail, $verdictSingle) > 0 OR instr(detail, $verdictMany) > 0)");
            var word = verdict == AuditVerdict.Deny ? "deny" : "allow";
            command.Parameters.AddWithValue("$verdictSingle", $"verdict={word}");
            command.Parameters.AddWithValue("$verdictMany", $" {word} ");
        }

        var where = filters.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", filters);
        command.CommandText = $"SELECT * FROM (SELECT {Columns} FROM audit_log {where} ORDER BY sequence DESC LIMIT $limit) ORDER BY sequence";
        command.Parameters.AddWithValue("$limit", query.Limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    /// <summary>
    /// Indexes entries about many contacts under each of them (<see cref="AuditEvent.Contacts"/>): one statement per
    /// entry, its contacts passed as one JSON array, so a page of 10,000 is one round trip rather than 10,000.
    /// </summary>
    private async Task IndexContactsAsync(List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            if (entry.Event.Contacts is not { Count: > 0 } contacts)
            {
                continue;
            }

            await using var command = unitOfWork.Command(
                "INSERT OR IGNORE INTO audit_contacts (contact_id, sequence) SELECT value, $sequence FROM json_each($contacts)");
            command.Parameters.AddWithValue("$sequence", entry.Sequence);
            command.Parameters.AddWithValue("$contacts", System.Text.Json.JsonSerializer.Serialize(contacts));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private const string InsertSql =
        $"INSERT INTO audit_log ({Columns}) VALUES ($sequence, $at, $actor, $action, $subject, $contact, $detail, $previous, $hash)";

    private const string LastSql = $"SELECT {Columns} FROM audit_log ORDER BY sequence DESC LIMIT 1";

    private Task InsertAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        unitOfWork.WithCommandAsync(InsertSql, AddInsertParameters, async command =>
        {
            await InsertAsync(command, entry, cancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <summary>The insert's parameters, added once: one prepared insert serves every entry of a range.</summary>
    private static void AddInsertParameters(SqliteCommand command)
    {
        foreach (var name in (string[])["$sequence", "$at", "$actor", "$action", "$subject", "$contact", "$detail", "$previous", "$hash"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    private static async Task InsertAsync(SqliteCommand command, AuditEntry entry, CancellationToken cancellationToken)
    {
        var p = command.Parameters;
        p["$sequence"].Value = entry.Sequence;
        p["$at"].Value = entry.Event.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        p["$actor"].Value = entry.Event.Actor;
        p["$action"].Value = entry.Event.Action;
        p["$subject"].Value = entry.Event.Subject;
        p["$contact"].Value = (object?)entry.Event.ContactId ?? DBNull.Value;
        p["$detail"].Value = entry.Event.Detail;
        p["$previous"].Value = entry.PreviousHash;
        p["$hash"].Value = entry.Hash;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<AuditEntry?> LastAsync(CancellationToken cancellationToken) =>
        unitOfWork.WithCommandAsync(LastSql, null, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        });

    internal static AuditEntry Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        new AuditEvent(
            // An unreadable instant can only come from tampering; MinValue makes it fail the hash check instead of throwing.
            DateTimeOffset.TryParse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue,
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetString(6)),
        reader.GetString(7),
        reader.GetString(8));
}
