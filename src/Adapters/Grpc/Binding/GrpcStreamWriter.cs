using Google.Protobuf;
using Rapport.Adapters.Grpc.Hosting;

namespace Rapport.Adapters.Grpc.Binding;

internal sealed class GrpcStreamWriter<T>(GrpcCall call) : IGrpcStreamWriter<T>
    where T : class, IMessage<T>
{
    public ValueTask WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return call.WriteMessageAsync(message, flush: true, cancellationToken);
    }
}
