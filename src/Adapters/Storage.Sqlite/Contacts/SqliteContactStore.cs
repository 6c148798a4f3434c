using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rapport.Application.Contacts;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Contacts;

internal sealed class SqliteContactStore(SqliteUnitOfWork unitOfWork) : IContactStore
{
    /// <summary>The sort key of a contact without interactions: before every moment.</summary>
    private const long NeverInteracted = 0;

    private const string Columns = "id, name, email, phone, company, tags, fields, peer_id, created_at, updated_at, last_interaction_at";
    private const string Values = "$id, $name, $email, $phone, $company, $tags, $fields, $peer, $created, $updated, $last";

    private const string UpsertSql = $"""
        INSERT INTO contacts ({Columns}) VALUES ({Values})
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone, company = excluded.company,
            tags = excluded.tags, fields = excluded.fields, peer_id = excluded.peer_id, updated_at = excluded.updated_at,
            last_interaction_at = excluded.last_interaction_at
        """;

    public async Task<Contact?> GetAsync(ContactId id, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command($"SELECT {Columns} FROM contacts WHERE id = $id");
        command.Parameters.AddWithValue("$id", id.ToString());
        return await SingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(ContactId id, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT EXISTS (SELECT 1 FROM contacts WHERE id = $id)");
        command.Parameters.AddWithValue("$id", id.ToString());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public async Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        await using var command = unitOfWork.Command($"SELECT {Columns} FROM contacts WHERE email = $email COLLATE NOCASE");
        command.Parameters.AddWithValue("$email", email.Value);
        return await SingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAsync(Contact contact, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command($"INSERT INTO contacts ({Columns}) VALUES ({Values})");
        Bind(command, contact);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Contact contact, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command(UpsertSql);
        Bind(command, contact);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(ContactId id, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("DELETE FROM contacts WHERE id = $id");
        command.Parameters.AddWithValue("$id", id.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<Contact>> ListAsync(ContactFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = unitOfWork.Command(string.Empty);
        var where = Conditions(filter, command);
        command.CommandText = $"SELECT {Columns} FROM contacts {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)} ORDER BY name COLLATE NOCASE, id";
        var contacts = new List<Contact>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            contacts.Add(Read(reader));
        }

        return contacts;
    }

    private static List<string> Conditions(ContactFilter filter, SqliteCommand command)
    {
        var where = new List<string>();
        if (filter.Tag is { } tag)
        {
            // Tags are stored as ";a;b;" so a whole-tag match is a substring match on ";tag;".
            where.Add("instr(tags, $tag) > 0");
            command.Parameters.AddWithValue("$tag", ";" + tag.Value + ";");
        }

        if (filter.Text is { } text)
        {
            where.Add("(name LIKE $text ESCAPE '\\' OR email LIKE $text ESCAPE '\\' OR company LIKE $text ESCAPE '\\')");
            command.Parameters.AddWithValue("$text", "%" + EscapeLike(text) + "%");
        }

        return where;
    }

    public async Task<IReadOnlyList<Contact>> PageAsync(ContactPageQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = PageCommand(query);
        var contacts = new List<Contact>(Math.Min(query.Limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            contacts.Add(Read(reader));
        }

        return contacts;
    }

    /// <summary>The one query behind <see cref="PageAsync"/>; tests read its plan.</summary>
    internal SqliteCommand PageCommand(ContactPageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var command = unitOfWork.Command(string.Empty);
        var where = Conditions(query.Filter, command);
        var (sortKey, collate) = SortKey(query.Order.Column);
        var (seek, beyond, direction) = query.Order.Descending ? ("<=", "<", " DESC") : (">=", ">", string.Empty);
        if (query.After is { } after)
        {
            // The leading single-column bound lets SQLite seek the index; a row-value comparison alone makes it scan from the start.
            where.Add($"{sortKey} {seek} $after_key{collate} AND ({sortKey}{collate}, id) {beyond} ($after_key, $after_id)");
            command.Parameters.AddWithValue("$after_key", after.Key switch
            {
                ContactSortKey.Text text => text.Value,
                ContactSortKey.Moment { Value: { } moment } => SqliteTime.ToTicks(moment),
                _ => NeverInteracted,
            });
            command.Parameters.AddWithValue("$after_id", after.Id.ToString());
        }

        if (query.ConsentedTo is { } purpose)
        {
            // Candidates only: a consent record for the purpose or an ancestor may grant it. The gate decides.
            // A literal parameter list (a purpose has a handful of ancestors): SQLite probes the index once per name,
            // where a json_each list costs a virtual-table scan for every contact examined.
            var names = new List<string>();
            foreach (var key in purpose.Ancestors.Prepend(purpose.Key))
            {
                names.Add($"$purpose{names.Count}");
                command.Parameters.AddWithValue(names[^1], key);
            }

            where.Add($"EXISTS (SELECT 1 FROM consent_version v WHERE v.contact_id = contacts.id AND v.purpose IN ({string.Join(", ", names)}))");
        }

        command.Parameters.AddWithValue("$limit", query.Limit);
        command.CommandText = $"SELECT {Columns} FROM contacts {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)} ORDER BY {sortKey}{collate}{direction}, id{direction} LIMIT $limit";
        return command;
    }

    /// <summary>
    /// The sort column as the indexes of migrations 24 and 30 spell it (SQLite uses an expression index only for the
    /// same expression). A missing value is the smallest key, never NULL: NULL would fall out of the cursor's comparison.
    /// </summary>
    private static (string Key, string Collate) SortKey(ContactSortColumn column) => column switch
    {
        ContactSortColumn.Name => ("name", " COLLATE NOCASE"),
        ContactSortColumn.Email => ("coalesce(email, '')", " COLLATE NOCASE"),
        ContactSortColumn.Company => ("coalesce(company, '')", " COLLATE NOCASE"),
        ContactSortColumn.LastInteraction => ($"coalesce(last_interaction_at, {NeverInteracted})", string.Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "no index sorts by this column"),
    };

    public async IAsyncEnumerable<Contact> StreamAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command($"SELECT {Columns} FROM contacts ORDER BY name COLLATE NOCASE, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public async Task UpsertManyAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (contacts.Count == 0)
        {
            return;
        }

        // One prepared statement re-bound per row: SQLite compiles the SQL once for the whole batch.
        await using var command = unitOfWork.Command(UpsertSql);
        var parameters = new[] { "$id", "$name", "$email", "$phone", "$company", "$tags", "$fields", "$peer", "$created", "$updated", "$last" }
            .Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        command.Prepare();
        foreach (var contact in contacts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = ValuesOf(contact);
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            // SQLite has no async I/O; the synchronous call saves a task per row on this hot path.
#pragma warning disable CA1849
            command.ExecuteNonQuery();
#pragma warning restore CA1849
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<string>> ExistingEmailsAsync(IReadOnlyCollection<string> emails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emails);
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (emails.Count == 0)
        {
            return found;
        }

        await using var command = unitOfWork.Command("SELECT c.email FROM json_each($emails) AS e JOIN contacts AS c ON c.email = e.value COLLATE NOCASE");
        command.Parameters.AddWithValue("$emails", JsonSerializer.Serialize(emails));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static async Task<Contact?> SingleAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static void Bind(SqliteCommand command, Contact contact)
    {
        var names = new[] { "$id", "$name", "$email", "$phone", "$company", "$tags", "$fields", "$peer", "$created", "$updated", "$last" };
        var values = ValuesOf(contact);
        for (var i = 0; i < names.Length; i++)
        {
            command.Parameters.AddWithValue(names[i], values[i]);
        }
    }

    private static object[] ValuesOf(Contact contact) =>
    [
        contact.Id.ToString(),
        contact.Name.Value,
        (object?)contact.Email?.Value ?? DBNull.Value,
        (object?)contact.Phone?.Value ?? DBNull.Value,
        (object?)contact.Company?.Value ?? DBNull.Value,
        contact.Tags.Count == 0 ? string.Empty : ";" + string.Join(';', contact.Tags.Values) + ";",
        ContactFieldsCodec.Encode(contact.Fields),
        (object?)contact.PeerId?.Value ?? DBNull.Value,
        SqliteTime.ToTicks(contact.CreatedAt),
        SqliteTime.ToTicks(contact.UpdatedAt),
        contact.LastInteractionAt is { } last ? SqliteTime.ToTicks(last) : DBNull.Value,
    ];

    internal static Contact Read(SqliteDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var input = new ContactInput(
            reader.GetString(1), Text(2), Text(3), Text(4),
            reader.GetString(5).Split(';', StringSplitOptions.RemoveEmptyEntries),
            null,
            Text(7));
        var details = input.Validate();
        if (details.IsFailure)
        {
            throw new InvalidDataException($"stored contact {reader.GetString(0)} is invalid: {details.Error}");
        }

        return Contact.Restore(
            new ContactId(Guid.ParseExact(reader.GetString(0), "N")),
            details.Value with { Fields = ContactFieldsCodec.Decode(reader.GetString(6)) },
            SqliteTime.FromTicks(reader.GetInt64(8)),
            SqliteTime.FromTicks(reader.GetInt64(9)),
            reader.IsDBNull(10) ? null : SqliteTime.FromTicks(reader.GetInt64(10)));
    }
}
