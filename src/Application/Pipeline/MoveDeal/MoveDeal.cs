using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public sealed class MoveDeal(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public Task<Result<Deal>> ExecuteAsync(DealId id, string stage, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        return DealChange.ApplyAsync(
            unitOfWork, id, (deal, pipeline) => deal.MoveTo(pipeline, stage, now),
            deal => ("deal.moved", [("from", deal.History[^2].Stage), ("to", deal.Stage)]), now, actor, cancellationToken);
    }
}
