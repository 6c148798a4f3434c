using Rapport.Application.Common;
using Rapport.Domain.Policy;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>The ports the partner API's use cases are built from (one instance per server).</summary>
public sealed record RapportUseCases(IUnitOfWorkFactory UnitOfWork, IClock Clock, IIdGenerator Ids, PolicyMatrix Policy);
