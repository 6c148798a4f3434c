using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public sealed class WinDeal(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public Task<Result<Deal>> ExecuteAsync(DealId id, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        return DealChange.ApplyAsync(
            unitOfWork, id, (deal, _) => deal.Win(now),
            deal => ("deal.won", [("stage", deal.Stage), ("value", deal.Value.ToString())]), now, actor, cancellationToken);
    }
}
