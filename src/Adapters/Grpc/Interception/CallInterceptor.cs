using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Rapport.Adapters.Grpc.Interception;

/// <summary>
/// A server interceptor that wraps every call shape the same way: <see cref="AroundAsync"/> runs before and after the
/// handler, whatever the method's streaming shape, so a concern (auth, audit, limits) is written once.
/// </summary>
public abstract class CallInterceptor : Interceptor
{
    /// <summary>Runs <paramref name="next"/> (the rest of the pipeline and the handler) or ends the call by throwing <see cref="RpcException"/>.</summary>
    protected abstract Task<T> AroundAsync<T>(ServerCallContext context, Func<Task<T>> next);

    public sealed override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, () => continuation(request, context));

    public sealed override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, () => continuation(requestStream, context));

    public sealed override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, async () =>
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            return true;
        });

    public sealed override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, async () =>
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
            return true;
        });

    /// <summary>"rapport.v1.ContactsService" of "/rapport.v1.ContactsService/GetContact".</summary>
    protected static string ServiceOf(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Method.AsSpan().TrimStart('/');
        var slash = method.IndexOf('/');
        return (slash < 0 ? method : method[..slash]).ToString();
    }
}
