using Microsoft.Extensions.Diagnostics.HealthChecks;
using Rapport.Application.Common;

namespace Rapport.Adapters.Grpc.Health;

/// <summary>Healthy while the node's store answers a snapshot read; grpc.health.v1 reports SERVING only then.</summary>
internal sealed class StoreHealthCheck(IUnitOfWorkFactory unitOfWork) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A snapshot read: a health probe must never queue behind writers or hold the write lock.
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            await work.Audit.CountAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (StoreUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy("the node's store is unavailable", ex);
        }
        catch (System.Data.Common.DbException ex)
        {
            return HealthCheckResult.Unhealthy("the node's store is unavailable", ex);
        }
    }
}
