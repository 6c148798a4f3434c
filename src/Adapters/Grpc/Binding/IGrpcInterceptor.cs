using Rapport.Adapters.Grpc.Protocol;

namespace Rapport.Adapters.Grpc.Binding;

/// <summary>Runs the rest of the pipeline (further interceptors, then the handler) and yields the call's final status.</summary>
public delegate ValueTask<GrpcStatus> GrpcContinuation(GrpcCallContext context);

/// <summary>
/// Cross-cutting call middleware (authentication, scopes, rate limiting, audit). Interceptors run in registration
/// order before any request message is read. To reject a call, return a non-OK status without calling
/// <paramref name="next"/> (or throw <see cref="RpcException"/>); to observe the outcome, await <paramref name="next"/>:
/// handler exceptions have already been turned into the returned status.
/// </summary>
public interface IGrpcInterceptor
{
    ValueTask<GrpcStatus> InterceptAsync(GrpcCallContext context, GrpcContinuation next);
}
