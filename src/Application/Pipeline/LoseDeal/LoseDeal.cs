using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public sealed class LoseDeal(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public Task<Result<Deal>> ExecuteAsync(DealId id, string reason, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        return DealChange.ApplyAsync(
            unitOfWork, id, (deal, _) => deal.Lose(reason, now),
            deal => ("deal.lost", [("stage", deal.Stage), ("reason", (deal.Outcome as DealLost)?.Reason)]), now, actor, cancellationToken);
    }
}
