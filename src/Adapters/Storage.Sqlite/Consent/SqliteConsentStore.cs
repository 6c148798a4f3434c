using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Application.Consent;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Consent;

internal sealed class SqliteConsentStore(SqliteUnitOfWork unitOfWork) : IConsentStore
{
    private const string Columns =
        "v.contact_id, v.purpose, v.version, v.basis, v.source_kind, v.source_channel, v.source_reference, v.receipt_hash, v.issued_at, v.effective_from, v.expires_at, v.revoked_at";

    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public Task<IReadOnlyList<ConsentGrant>> CurrentAsync(ContactId contact, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"""
            SELECT {Columns} FROM consent_version v
            WHERE v.contact_id = $contact
              AND v.version = (SELECT MAX(m.version) FROM consent_version m WHERE m.contact_id = v.contact_id AND m.purpose = v.purpose)
            ORDER BY v.purpose
            """,
            contact,
            null,
            cancellationToken);

    public async Task<IReadOnlyDictionary<ContactId, IReadOnlyList<ConsentGrant>>> CurrentAsync(IReadOnlyCollection<ContactId> contacts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (contacts.Count == 0)
        {
            return new Dictionary<ContactId, IReadOnlyList<ConsentGrant>>();
        }

        var ids = System.Text.Json.JsonSerializer.Serialize(contacts.Select(c => c.ToString()));
        var grants = await CurrentOfAsync(
            "json_each($ids) AS wanted CROSS JOIN consent_version v ON v.contact_id = wanted.value",
            "json_each($ids) AS wanted CROSS JOIN consent_field f ON f.contact_id = wanted.value",
            ids,
            cancellationToken).ConfigureAwait(false);
        return grants.GroupBy(g => g.Contact).ToDictionary(g => g.Key, g => (IReadOnlyList<ConsentGrant>)[.. g]);
    }

    public Task<IReadOnlyList<ConsentGrant>> AllCurrentAsync(CancellationToken cancellationToken = default) =>
        CurrentOfAsync("consent_version v", "consent_field f", null, cancellationToken);

    // Two queries whatever the number of contacts: the current versions, then the fields they share.
    private async Task<IReadOnlyList<ConsentGrant>> CurrentOfAsync(string versions, string fieldRows, string? ids, CancellationToken cancellationToken)
    {
        var rows = new List<(ContactId Contact, Row Row)>();
        await using (var command = unitOfWork.Command(
            $"""
            SELECT {Columns} FROM {versions}
            WHERE v.version = (SELECT MAX(m.version) FROM consent_version m WHERE m.contact_id = v.contact_id AND m.purpose = v.purpose)
            ORDER BY v.contact_id, v.purpose
            """))
        {
            if (ids is not null)
            {
                command.Parameters.AddWithValue("$ids", ids);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((new ContactId(Guid.ParseExact(reader.GetString(0), "N")), Row.Read(reader)));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var fields = new Dictionary<(string Contact, string Purpose, long Version), List<KeyValuePair<FieldKey, AccessLevel>>>();
        await using (var command = unitOfWork.Command(
            $"""
            SELECT f.contact_id, f.purpose, f.version, f.field, f.level FROM {fieldRows}
            WHERE f.version = (SELECT MAX(m.version) FROM consent_version m WHERE m.contact_id = f.contact_id AND m.purpose = f.purpose)
            """))
        {
            if (ids is not null)
            {
                command.Parameters.AddWithValue("$ids", ids);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
                if (!fields.TryGetValue(key, out var list))
                {
                    fields[key] = list = [];
                }

                list.Add(new(Valid(FieldKey.Parse(reader.GetString(3))), Valid(AccessLevelText.Parse(reader.GetString(4)))));
            }
        }

        return [.. rows.Select(r => Restore(r.Contact, r.Row, fields.TryGetValue((r.Contact.ToString(), r.Row.Purpose, r.Row.Version), out var f) ? f : []))];
    }

    public async Task<ConsentGrant?> CurrentAsync(ContactId contact, Purpose purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var found = await ReadAsync(
            $"SELECT {Columns} FROM consent_version v WHERE v.contact_id = $contact AND v.purpose = $purpose ORDER BY v.version DESC LIMIT 1",
            contact,
            purpose,
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<ConsentGrant>> HistoryAsync(ContactId contact, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM consent_version v WHERE v.contact_id = $contact ORDER BY v.purpose, v.version", contact, null, cancellationToken);

    public async Task<Result<Unit>> AppendAsync(ConsentGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var (kind, channel, reference, receipt) = grant.Source switch
        {
            ConsentSource.Collected c => ("collected", c.Channel.ToKey(), c.Reference, (string?)null),
            ConsentSource.SignedByCustomer s => ("signed_by_customer", (string?)null, (string?)null, s.ReceiptHash),
            _ => throw new InvalidOperationException($"unknown consent source {grant.Source.GetType().Name}"),
        };

        // The version check and the insert are one statement, so a concurrent writer cannot slip a version in between.
        await using (var insert = unitOfWork.Command(
            """
            INSERT INTO consent_version (contact_id, purpose, version, basis, source_kind, source_channel, source_reference, receipt_hash, issued_at, effective_from, expires_at, revoked_at)
            SELECT $contact, $purpose, $version, $basis, $kind, $channel, $reference, $receipt, $issued, $from, $expires, $revoked
            WHERE $version > COALESCE((SELECT MAX(version) FROM consent_version WHERE contact_id = $contact AND purpose = $purpose), 0)
            """))
        {
            insert.Parameters.AddWithValue("$contact", grant.Contact.ToString());
            insert.Parameters.AddWithValue("$purpose", grant.Purpose.Key);
            insert.Parameters.AddWithValue("$version", grant.Version);
            insert.Parameters.AddWithValue("$basis", grant.Basis.ToKey());
            insert.Parameters.AddWithValue("$kind", kind);
            insert.Parameters.AddWithValue("$channel", (object?)channel ?? DBNull.Value);
            insert.Parameters.AddWithValue("$reference", (object?)reference ?? DBNull.Value);
            insert.Parameters.AddWithValue("$receipt", (object?)receipt ?? DBNull.Value);
            insert.Parameters.AddWithValue("$issued", Instant(grant.IssuedAt));
            insert.Parameters.AddWithValue("$from", Instant(grant.EffectiveFrom));
            insert.Parameters.AddWithValue("$expires", grant.ExpiresAt is { } e ? Instant(e) : DBNull.Value);
            insert.Parameters.AddWithValue("$revoked", grant.RevokedAt is { } r ? Instant(r) : DBNull.Value);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                var stored = await CurrentAsync(grant.Contact, grant.Purpose, cancellationToken).ConfigureAwait(false);
                return new Error(ConsentErrors.VersionConflict, $"version {grant.Version} of {grant.Purpose} is not above the stored version {stored?.Version ?? 0}", "version");
            }
        }

        foreach (var (field, level) in grant.Fields)
        {
            await using var command = unitOfWork.Command(
                "INSERT INTO consent_field (contact_id, purpose, version, field, level) VALUES ($contact, $purpose, $version, $field, $level)");
            command.Parameters.AddWithValue("$contact", grant.Contact.ToString());
            command.Parameters.AddWithValue("$purpose", grant.Purpose.Key);
            command.Parameters.AddWithValue("$version", grant.Version);
            command.Parameters.AddWithValue("$field", field);
            command.Parameters.AddWithValue("$level", level.ToKey());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return Result.Ok();
    }

    private async Task<IReadOnlyList<ConsentGrant>> ReadAsync(string sql, ContactId contact, Purpose? purpose, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        await using (var command = unitOfWork.Command(sql))
        {
            command.Parameters.AddWithValue("$contact", contact.ToString());
            if (purpose is not null)
            {
                command.Parameters.AddWithValue("$purpose", purpose.Key);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(Row.Read(reader));
            }
        }

        var grants = new List<ConsentGrant>(rows.Count);
        foreach (var row in rows)
        {
            grants.Add(await RestoreAsync(contact, row, cancellationToken).ConfigureAwait(false));
        }

        return grants;
    }

    private async Task<ConsentGrant> RestoreAsync(ContactId contact, Row row, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<FieldKey, AccessLevel>>();
        await using (var command = unitOfWork.Command("SELECT field, level FROM consent_field WHERE contact_id = $contact AND purpose = $purpose AND version = $version"))
        {
            command.Parameters.AddWithValue("$contact", contact.ToString());
            command.Parameters.AddWithValue("$purpose", row.Purpose);
            command.Parameters.AddWithValue("$version", row.Version);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                fields.Add(new(Valid(FieldKey.Parse(reader.GetString(0))), Valid(AccessLevelText.Parse(reader.GetString(1)))));
            }
        }

        return Restore(contact, row, fields);
    }

    private static ConsentGrant Restore(ContactId contact, Row row, IReadOnlyList<KeyValuePair<FieldKey, AccessLevel>> fields)
    {
        ConsentSource source = row.SourceKind == "signed_by_customer"
            ? new ConsentSource.SignedByCustomer(row.Receipt ?? string.Empty)
            : new ConsentSource.Collected(Valid(CollectionChannelText.Parse(row.Channel)), row.Reference);
        return Valid(ConsentGrant.Restore(
            contact,
            Valid(Purpose.Parse(row.Purpose)),
            Valid(LegalBasisText.Parse(row.Basis)),
            source,
            fields,
            Parse(row.IssuedAt),
            Parse(row.EffectiveFrom),
            row.ExpiresAt is null ? null : Parse(row.ExpiresAt),
            row.RevokedAt is null ? null : Parse(row.RevokedAt),
            row.Version));
    }

    private static T Valid<T>(Result<T> result) =>
        result.TryGetValue(out var value)
            ? value
            : throw new Application.Common.StoreUnavailableException($"the consent tables hold an invalid row ({result.Error.Message}); the database is corrupted");

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString(InstantFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record Row(
        string Purpose, long Version, string Basis, string SourceKind, string? Channel, string? Reference, string? Receipt,
        string IssuedAt, string EffectiveFrom, string? ExpiresAt, string? RevokedAt)
    {
        public static Row Read(SqliteDataReader r) => new(
            r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), Text(r, 5), Text(r, 6), Text(r, 7),
            r.GetString(8), r.GetString(9), Text(r, 10), Text(r, 11));

        private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    }
}
