using Rapport.Adapters.Storage.Sqlite.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Domain.Pipeline;

namespace Rapport.Adapters.Storage.Sqlite.Pipeline;

internal sealed class SqlitePipelineStore(SqliteUnitOfWork unitOfWork) : IPipelineStore
{
    public async Task AddAsync(SalesPipeline pipeline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        await using (var command = unitOfWork.Command("INSERT INTO pipelines (id, name, created_at) VALUES ($id, $name, $created)"))
        {
            command.Parameters.AddWithValue("$id", pipeline.Id.ToString());
            command.Parameters.AddWithValue("$name", pipeline.Name);
            command.Parameters.AddWithValue("$created", SqliteTime.ToTicks(pipeline.CreatedAt));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var stage = unitOfWork.Command("INSERT INTO pipeline_stages (pipeline_id, position, name, probability) VALUES ($id, $position, $name, $probability)");
        var id = stage.Parameters.AddWithValue("$id", pipeline.Id.ToString());
        var position = stage.Parameters.Add("$position", Microsoft.Data.Sqlite.SqliteType.Integer);
        var name = stage.Parameters.Add("$name", Microsoft.Data.Sqlite.SqliteType.Text);
        var probability = stage.Parameters.Add("$probability", Microsoft.Data.Sqlite.SqliteType.Integer);
        for (var i = 0; i < pipeline.Stages.Count; i++)
        {
            position.Value = i;
            name.Value = pipeline.Stages[i].Name;
            probability.Value = pipeline.Stages[i].Probability.Percent;
            await stage.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<SalesPipeline?> FindAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        var key = idOrName.Trim();
        var all = await QueryAsync("WHERE p.name = $key COLLATE NOCASE OR p.id = $key", key, cancellationToken).ConfigureAwait(false);
        return all.Count == 0 ? null : all[0];
    }

    public async Task<SalesPipeline?> GetAsync(PipelineId id, CancellationToken cancellationToken = default)
    {
        var all = await QueryAsync("WHERE p.id = $key", id.ToString(), cancellationToken).ConfigureAwait(false);
        return all.Count == 0 ? null : all[0];
    }

    public Task<IReadOnlyList<SalesPipeline>> ListAsync(CancellationToken cancellationToken = default) => QueryAsync(string.Empty, null, cancellationToken);

    private async Task<IReadOnlyList<SalesPipeline>> QueryAsync(string where, string? key, CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command(
            $"SELECT p.id, p.name, p.created_at, s.name, s.probability FROM pipelines p JOIN pipeline_stages s ON s.pipeline_id = p.id {where} ORDER BY p.name COLLATE NOCASE, p.id, s.position");
        if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
        }

        var result = new List<SalesPipeline>();
        string? currentId = null;
        string name = string.Empty;
        long created = 0;
        var stages = new List<Stage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            if (id != currentId)
            {
                Flush();
                currentId = id;
                name = reader.GetString(1);
                created = reader.GetInt64(2);
                stages = [];
            }

            stages.Add(new Stage(reader.GetString(3), Probability.Create(reader.GetInt32(4)).Value));
        }

        Flush();
        return result;

        void Flush()
        {
            if (currentId is not null)
            {
                result.Add(SalesPipeline.Restore(new PipelineId(Guid.ParseExact(currentId, "N")), name, stages, SqliteTime.FromTicks(created)));
            }
        }
    }
}
