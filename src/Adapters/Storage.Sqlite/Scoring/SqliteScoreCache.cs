using Rapport.Adapters.Storage.Sqlite.Contacts;
using Rapport.Application.Scoring.Cache;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Scoring;

/// <summary><see cref="IScoreCache"/> on the score_cache table, whose triggers (migration 29) do the invalidation.</summary>
internal sealed class SqliteScoreCache(SqliteUnitOfWork unitOfWork) : IScoreCache
{
    public async Task<IReadOnlyDictionary<ContactId, long>> InputsVersionsAsync(IReadOnlyList<ContactId> contacts, CancellationToken cancellationToken = default)
    {
        var versions = contacts.ToDictionary(c => c, _ => 0L);
        await using var command = unitOfWork.Command("SELECT i.contact_id, i.version FROM json_each($ids) AS wanted JOIN score_inputs i ON i.contact_id = wanted.value");
        command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(contacts.Select(c => c.ToString())));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ContactId.TryParse(reader.GetString(0), out var id))
            {
                versions[id] = reader.GetInt64(1);
            }
        }

        return versions;
    }

    public async Task<int> PutAsync(IReadOnlyList<CachedScore> scores, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command(
            """
            INSERT OR REPLACE INTO score_cache (contact_id, kind, subject, version, score, computed_at)
            SELECT $contact, $kind, $subject, $version, $score, $at
            WHERE EXISTS (SELECT 1 FROM contacts WHERE id = $contact)
              AND coalesce((SELECT version FROM score_inputs WHERE contact_id = $contact), 0) = $inputs
            """);
        var contact = command.Parameters.Add("$contact", Microsoft.Data.Sqlite.SqliteType.Text);
        var kind = command.Parameters.Add("$kind", Microsoft.Data.Sqlite.SqliteType.Text);
        var subject = command.Parameters.Add("$subject", Microsoft.Data.Sqlite.SqliteType.Text);
        var version = command.Parameters.Add("$version", Microsoft.Data.Sqlite.SqliteType.Text);
        var score = command.Parameters.Add("$score", Microsoft.Data.Sqlite.SqliteType.Real);
        var at = command.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Integer);
        var inputs = command.Parameters.Add("$inputs", Microsoft.Data.Sqlite.SqliteType.Integer);
        var kept = 0;
        foreach (var cached in scores)
        {
            contact.Value = cached.Contact.ToString();
            kind.Value = Name(cached.Kind);
            subject.Value = cached.Subject;
            version.Value = cached.Version;
            score.Value = cached.Score;
            at.Value = SqliteTime.ToTicks(cached.At);
            inputs.Value = cached.InputsVersion;
            kept += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return kept;
    }

    public async Task<IReadOnlyList<CachedScore>> ForContactAsync(ContactId contact, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT c.kind, c.subject, c.version, c.score, c.computed_at, coalesce(i.version, 0) FROM score_cache c LEFT JOIN score_inputs i ON i.contact_id = c.contact_id WHERE c.contact_id = $contact ORDER BY c.kind DESC, c.subject");
        command.Parameters.AddWithValue("$contact", contact.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var scores = new List<CachedScore>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            scores.Add(new CachedScore(contact, KindOf(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), SqliteTime.FromTicks(reader.GetInt64(4)), reader.GetInt64(5)));
        }

        return scores;
    }

    private static string Name(ScoreKind kind) => kind switch
    {
        ScoreKind.Lead => "lead",
        ScoreKind.Conversion => "conversion",
        ScoreKind.Strength => "strength",
        ScoreKind.Churn => "churn",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static ScoreKind KindOf(string name) => name switch
    {
        "lead" => ScoreKind.Lead,
        "conversion" => ScoreKind.Conversion,
        "churn" => ScoreKind.Churn,
        _ => ScoreKind.Strength,
    };
}
