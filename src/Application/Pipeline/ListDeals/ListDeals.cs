using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

/// <summary>Deals, optionally of one pipeline (name or id) and/or in one stage.</summary>
public sealed class ListDeals(IUnitOfWorkFactory unitOfWork)
{
    public async Task<Result<IReadOnlyList<Deal>>> ExecuteAsync(string? pipeline = null, string? stage = null, CancellationToken cancellationToken = default)
    {
        await using var uow = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        PipelineId? pipelineId = null;
        if (!string.IsNullOrWhiteSpace(pipeline))
        {
            var found = await uow.Pipelines.FindAsync(pipeline, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return PipelineErrors.Unknown(pipeline);
            }

            pipelineId = found.Id;
            if (stage is not null && found.FindStage(stage) is null)
            {
                return new Error(DealErrors.StageUnknown, $"pipeline '{found.Name}' has no stage '{stage}'", "stage");
            }
        }

        var deals = await uow.Deals.ListAsync(new DealFilter(pipelineId, string.IsNullOrWhiteSpace(stage) ? null : stage.Trim()), cancellationToken).ConfigureAwait(false);
        return Result.Ok(deals);
    }

    /// <summary>Every deal of one contact, open and closed, in every pipeline.</summary>
    public async Task<IReadOnlyList<Deal>> OfContactAsync(Domain.Contacts.ContactId contact, CancellationToken cancellationToken = default)
    {
        await using var uow = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await uow.Deals.ListAsync(new DealFilter(ContactId: contact), cancellationToken).ConfigureAwait(false);
    }
}
