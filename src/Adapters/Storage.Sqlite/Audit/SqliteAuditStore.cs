using System.Globalization;
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
            DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetString(6)),
        reader.GetString(7),
        reader.GetString(8));
}
