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
        await InsertAsync(AuditEntry.Append(previous, auditEvent), cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendRangeAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        var previous = await LastAsync(cancellationToken).ConfigureAwait(false);
        foreach (var auditEvent in auditEvents)
        {
            previous = AuditEntry.Append(previous, auditEvent);
            await InsertAsync(previous, cancellationToken).ConfigureAwait(false);
        }
    }

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
            filters.Add("contact_id = $contact");
            command.Parameters.AddWithValue("$contact", contact);
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

    private async Task InsertAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command(
            $"INSERT INTO audit_log ({Columns}) VALUES ($sequence, $at, $actor, $action, $subject, $contact, $detail, $previous, $hash)");
        command.Parameters.AddWithValue("$sequence", entry.Sequence);
        command.Parameters.AddWithValue("$at", entry.Event.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$actor", entry.Event.Actor);
        command.Parameters.AddWithValue("$action", entry.Event.Action);
        command.Parameters.AddWithValue("$subject", entry.Event.Subject);
        command.Parameters.AddWithValue("$contact", (object?)entry.Event.ContactId ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", entry.Event.Detail);
        command.Parameters.AddWithValue("$previous", entry.PreviousHash);
        command.Parameters.AddWithValue("$hash", entry.Hash);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuditEntry?> LastAsync(CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command($"SELECT {Columns} FROM audit_log ORDER BY sequence DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

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
