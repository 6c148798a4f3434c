using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

/// <summary>Creates a pipeline from "Name:probability" stage texts; names are unique (case-insensitive).</summary>
public sealed class CreatePipeline(IUnitOfWorkFactory unitOfWork, IClock clock, IIdGenerator ids)
{
    public async Task<Result<SalesPipeline>> ExecuteAsync(string name, IReadOnlyList<string> stages, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var parsed = new List<Stage>();
        foreach (var text in stages)
        {
            var stage = Stage.Parse(text);
            if (stage.IsFailure)
            {
                return stage.Error;
            }

            parsed.Add(stage.Value);
        }

        var now = clock.UtcNow;
        var pipeline = SalesPipeline.Create(new PipelineId(ids.NewId()), name, parsed, now);
        if (pipeline.IsFailure)
        {
            return pipeline.Error;
        }

        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (await uow.Pipelines.FindAsync(pipeline.Value.Name, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new Error(PipelineErrors.NameDuplicate, $"a pipeline named '{pipeline.Value.Name}' already exists", "name");
        }

        await uow.Pipelines.AddAsync(pipeline.Value, cancellationToken).ConfigureAwait(false);
        await uow.Audit.AppendAsync(
            CrmAudit.Event(now, actor, "pipeline.created", pipeline.Value.Id.ToString(), null,
                ("name", pipeline.Value.Name), ("stages", string.Join(',', pipeline.Value.Stages))),
            cancellationToken).ConfigureAwait(false);
        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        return pipeline.Value;
    }
}
