namespace Rapport.Adapters.Grpc.Binding;

/// <summary>The response messages of a server- or duplex-streaming call. Writes must not overlap.</summary>
public interface IGrpcStreamWriter<in T>
{
    ValueTask WriteAsync(T message, CancellationToken cancellationToken = default);
}
