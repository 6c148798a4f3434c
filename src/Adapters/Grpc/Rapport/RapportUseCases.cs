using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Scoring;
using Rapport.Domain.Policy;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>The ports the partner API's use cases are built from (one instance per server).</summary>
/// <param name="Weights">The business's lead-score weights; none: the built-in ones.</param>
public sealed record RapportUseCases(IUnitOfWorkFactory UnitOfWork, IClock Clock, IIdGenerator Ids, ConsentGate Gate, IAuditJournal Journal, ILeadWeightsSource? Weights = null)
{
    public PolicyMatrix Policy => Gate.Policy;
}
