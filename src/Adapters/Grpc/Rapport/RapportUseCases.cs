using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Policy;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>The ports the partner API's use cases are built from (one instance per server).</summary>
public sealed record RapportUseCases(IUnitOfWorkFactory UnitOfWork, IClock Clock, IIdGenerator Ids, ConsentGate Gate, IAuditJournal Journal)
{
    public PolicyMatrix Policy => Gate.Policy;
}
