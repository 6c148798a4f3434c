using Rapport.Adapters.Storage.Sqlite.Contacts;
using Rapport.Application.Scoring.Models;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Adapters.Storage.Sqlite.Scoring;

internal sealed class SqliteModelStore(SqliteUnitOfWork unitOfWork) : IModelStore
{
    public async Task AddAsync(ModelCard card, byte[] model, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("INSERT INTO model (model_id, task, trained_at, card, bytes) VALUES ($id, $task, $at, $card, $bytes)");
        command.Parameters.AddWithValue("$id", card.Id.ToString());
        command.Parameters.AddWithValue("$task", card.Task.ToString());
        command.Parameters.AddWithValue("$at", SqliteTime.ToTicks(card.TrainedAt));
        command.Parameters.AddWithValue("$card", ModelCardDocument.Serialize(card));
        command.Parameters.AddWithValue("$bytes", model);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ModelCard>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT card FROM model ORDER BY trained_at DESC, model_id DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cards = new List<ModelCard>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cards.Add(ModelCardDocument.Deserialize(reader.GetString(0)));
        }

        return cards;
    }

    public async Task<StoredModel?> FindAsync(ModelId id, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT card, bytes FROM model WHERE model_id = $id");
        command.Parameters.AddWithValue("$id", id.ToString());
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredModel?> LatestAsync(ModelTask task, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT card, bytes FROM model WHERE task = $task ORDER BY trained_at DESC, model_id DESC LIMIT 1");
        command.Parameters.AddWithValue("$task", task.ToString());
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<StoredModel?> ReadOneAsync(Microsoft.Data.Sqlite.SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredModel(ModelCardDocument.Deserialize(reader.GetString(0)), (byte[])reader.GetValue(1))
            : null;
    }
}
