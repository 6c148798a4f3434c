using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite.Contacts;
using Rapport.Application.Interactions;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Adapters.Storage.Sqlite.Interactions;

internal sealed class SqliteInteractionStore(SqliteUnitOfWork unitOfWork) : IInteractionStore
{
    public async Task AddAsync(Interaction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        await using var command = unitOfWork.Command(
            "INSERT INTO interactions (id, contact_id, type, summary, details, at, duration, author) VALUES ($id, $contact, $type, $summary, $details, $at, $duration, $author)");
        command.Parameters.AddWithValue("$id", interaction.Id.ToString());
        command.Parameters.AddWithValue("$contact", interaction.ContactId.ToString());
        command.Parameters.AddWithValue("$type", interaction.Type.Name());
        command.Parameters.AddWithValue("$summary", interaction.Summary);
        command.Parameters.AddWithValue("$details", (object?)interaction.Details ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", SqliteTime.ToTicks(interaction.At));
        command.Parameters.AddWithValue("$duration", interaction.Duration is { } d ? d.Ticks : DBNull.Value);
        command.Parameters.AddWithValue("$author", interaction.Author);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Interaction>> TimelineAsync(ContactId contactId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command(
            "SELECT id, contact_id, type, summary, details, at, duration, author FROM interactions WHERE contact_id = $contact ORDER BY at DESC, id DESC LIMIT $limit");
        command.Parameters.AddWithValue("$contact", contactId.ToString());
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<Interaction>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    private static Interaction Read(SqliteDataReader reader) => Interaction.Restore(
        new InteractionId(Guid.ParseExact(reader.GetString(0), "N")),
        new ContactId(Guid.ParseExact(reader.GetString(1), "N")),
        InteractionTypes.Parse(reader.GetString(2)) is { IsSuccess: true } type ? type.Value : throw new InvalidDataException($"unknown stored interaction type '{reader.GetString(2)}'"),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        SqliteTime.FromTicks(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : TimeSpan.FromTicks(reader.GetInt64(6)),
        reader.GetString(7));
}
