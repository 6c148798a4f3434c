using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

/// <summary>The shared shape of move/win/lose: load the deal and its pipeline, apply a domain change, save it, audit it.</summary>
internal static class DealChange
{
    public static async Task<Result<Deal>> ApplyAsync(
        IUnitOfWorkFactory unitOfWork, DealId id, Func<Deal, SalesPipeline, Result<Deal>> change, Func<Deal, (string Action, (string, string?)[] Detail)> audit,
        DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var deal = await uow.Deals.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (deal is null)
        {
            return DealErrors.Unknown(id);
        }

        var pipeline = await uow.Pipelines.GetAsync(deal.PipelineId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"deal {id} refers to a missing pipeline");
        var changed = change(deal, pipeline);
        if (changed.IsFailure)
        {
            return changed.Error;
        }

        await uow.Deals.UpdateAsync(changed.Value, cancellationToken).ConfigureAwait(false);
        var (action, detail) = audit(changed.Value);
        await uow.Audit.AppendAsync(CrmAudit.Event(now, actor, action, id.ToString(), deal.ContactId.ToString(), detail), cancellationToken).ConfigureAwait(false);
        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed.Value;
    }
}
