using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Domain.Contacts;
using Rapport.Domain.Pipeline;

namespace Rapport.Adapters.Storage.Sqlite.Pipeline;

internal sealed class SqliteDealStore(SqliteUnitOfWork unitOfWork) : IDealStore
{
    private const string Columns = "id, pipeline_id, contact_id, title, amount, currency, expected_close, stage, status, closed_at, lost_reason, created_at";

    public async Task AddAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deal);
        await using (var command = unitOfWork.Command(
            $"INSERT INTO deals ({Columns}) VALUES ($id, $pipeline, $contact, $title, $amount, $currency, $close, $stage, $status, $closed, $reason, $created)"))
        {
            BindState(command, deal);
            command.Parameters.AddWithValue("$pipeline", deal.PipelineId.ToString());
            command.Parameters.AddWithValue("$contact", deal.ContactId.ToString());
            command.Parameters.AddWithValue("$title", deal.Title);
            command.Parameters.AddWithValue("$amount", deal.Value.Amount.ToString(CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$currency", deal.Value.Currency.Code);
            command.Parameters.AddWithValue("$close", deal.ExpectedClose is { } c ? c.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value);
            command.Parameters.AddWithValue("$created", SqliteTime.ToTicks(deal.CreatedAt));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await AppendHistoryAsync(deal, 0, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deal);
        long stored;
        await using (var count = unitOfWork.Command("SELECT count(*) FROM deal_stage_history WHERE deal_id = $id"))
        {
            count.Parameters.AddWithValue("$id", deal.Id.ToString());
            stored = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await using (var command = unitOfWork.Command("UPDATE deals SET stage = $stage, status = $status, closed_at = $closed, lost_reason = $reason WHERE id = $id"))
        {
            BindState(command, deal);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new InvalidOperationException($"deal {deal.Id} does not exist");
            }
        }

        await AppendHistoryAsync(deal, (int)stored, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Deal?> GetAsync(DealId id, CancellationToken cancellationToken = default)
    {
        var deals = await QueryAsync("WHERE id = $id", c => c.Parameters.AddWithValue("$id", id.ToString()), cancellationToken).ConfigureAwait(false);
        return deals.Count == 0 ? null : deals[0];
    }

    public Task<IReadOnlyList<Deal>> ListAsync(DealFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new List<string>();
        if (filter.PipelineId is not null)
        {
            where.Add("pipeline_id = $pipeline");
        }

        if (filter.Stage is not null)
        {
            where.Add("stage = $stage COLLATE NOCASE");
        }

        if (filter.OpenOnly)
        {
            where.Add("status = 'open'");
        }

        if (filter.ContactId is not null)
        {
            where.Add("contact_id = $contact");
        }

        return QueryAsync(
            where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where),
            c =>
            {
                if (filter.PipelineId is { } p)
                {
                    c.Parameters.AddWithValue("$pipeline", p.ToString());
                }

                if (filter.ContactId is { } contact)
                {
                    c.Parameters.AddWithValue("$contact", contact.ToString());
                }

                if (filter.Stage is { } s)
                {
                    c.Parameters.AddWithValue("$stage", s);
                }
            },
            cancellationToken);
    }

    private static void BindState(SqliteCommand command, Deal deal)
    {
        command.Parameters.AddWithValue("$id", deal.Id.ToString());
        command.Parameters.AddWithValue("$stage", deal.Stage);
        command.Parameters.AddWithValue("$status", deal.Status.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$closed", deal.Outcome is { } o ? SqliteTime.ToTicks(o.At) : DBNull.Value);
        command.Parameters.AddWithValue("$reason", deal.Outcome is DealLost lost ? lost.Reason : DBNull.Value);
    }

    private async Task AppendHistoryAsync(Deal deal, int from, CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command("INSERT INTO deal_stage_history (deal_id, position, stage, entered_at) VALUES ($id, $position, $stage, $at)");
        command.Parameters.AddWithValue("$id", deal.Id.ToString());
        var position = command.Parameters.Add("$position", SqliteType.Integer);
        var stage = command.Parameters.Add("$stage", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        for (var i = from; i < deal.History.Count; i++)
        {
            position.Value = i;
            stage.Value = deal.History[i].Stage;
            at.Value = SqliteTime.ToTicks(deal.History[i].EnteredAt);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<Deal>> QueryAsync(string where, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, object[] Values)>();
        await using (var command = unitOfWork.Command($"SELECT {Columns} FROM deals {where} ORDER BY created_at, id"))
        {
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add((reader.GetString(0), values));
            }
        }

        var histories = await HistoriesAsync(rows.Select(r => r.Id).ToList(), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => Restore(r.Values, histories[r.Id])).ToList();
    }

    private async Task<Dictionary<string, List<StageEntry>>> HistoriesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var histories = ids.ToDictionary(id => id, _ => new List<StageEntry>(), StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return histories;
        }

        await using var command = unitOfWork.Command(
            "SELECT h.deal_id, h.stage, h.entered_at FROM json_each($ids) AS d JOIN deal_stage_history AS h ON h.deal_id = d.value ORDER BY h.deal_id, h.position");
        command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(ids));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            histories[reader.GetString(0)].Add(new StageEntry(reader.GetString(1), SqliteTime.FromTicks(reader.GetInt64(2))));
        }

        return histories;
    }

    private static Deal Restore(object[] v, List<StageEntry> history)
    {
        var closedAt = v[9] is long ticks ? SqliteTime.FromTicks(ticks) : (DateTimeOffset?)null;
        DealOutcome? outcome = (string)v[8] switch
        {
            "won" => new DealWon(closedAt!.Value),
            "lost" => new DealLost(closedAt!.Value, (string)v[10]),
            _ => null,
        };
        var currency = Currency.Create((string)v[5]);
        return Deal.Restore(
            new DealId(Guid.ParseExact((string)v[0], "N")),
            new PipelineId(Guid.ParseExact((string)v[1], "N")),
            new ContactId(Guid.ParseExact((string)v[2], "N")),
            (string)v[3],
            new Money(decimal.Parse((string)v[4], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), currency.IsSuccess ? currency.Value : throw new InvalidDataException(currency.Error.Message)),
            v[6] is string close ? DateOnly.ParseExact(close, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            history,
            outcome,
            SqliteTime.FromTicks((long)v[11]));
    }
}
