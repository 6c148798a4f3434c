using Grpc.Health.V1;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Rapport.Adapters.Grpc.Health;

/// <summary>The standard <c>grpc.health.v1.Health</c> service (doc/health-checking.md) over a <see cref="HealthStatus"/>.</summary>
public static class HealthService
{
    public static readonly TimeSpan DefaultWatchProbeInterval = TimeSpan.FromSeconds(5);

    /// <param name="watchProbeInterval">How often Watch re-runs the store probe when nothing else changes.</param>
    public static GrpcServiceDefinition Create(HealthStatus status, TimeSpan? watchProbeInterval = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var interval = watchProbeInterval ?? DefaultWatchProbeInterval;
        return GrpcServiceBuilder.ForService(HealthReflection.Descriptor, "Health")
            .Unary<HealthCheckRequest, HealthCheckResponse>("Check", async (request, context) =>
            {
                var serving = await status.IsServingAsync(request.Service, context.CancellationToken).ConfigureAwait(false)
                              ?? throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'");
                return new HealthCheckResponse { Status = serving ? ServingStatus.Serving : ServingStatus.NotServing };
            })
            .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", async (request, responses, context) =>
            {
                var token = context.CancellationToken;
                ServingStatus? last = null;
                while (!token.IsCancellationRequested)
                {
                    var changed = status.ChangedAsync;
                    var serving = await status.IsServingAsync(request.Service, token).ConfigureAwait(false);
                    var current = serving switch
                    {
                        null => ServingStatus.ServiceUnknown,
                        true => ServingStatus.Serving,
                        false => ServingStatus.NotServing,
                    };
                    if (current != last)
                    {
                        await responses.WriteAsync(new HealthCheckResponse { Status = current }, token).ConfigureAwait(false);
                        last = current;
                    }

                    try
                    {
                        await changed.WaitAsync(interval, token).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        // Re-probe the store periodically: its failures are not pushed to us.
                    }
                }

                token.ThrowIfCancellationRequested();
            })
            .Build();
    }
}
