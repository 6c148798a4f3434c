using Google.Protobuf;
using Rapport.Adapters.Grpc.Hosting;

namespace Rapport.Adapters.Grpc.Binding;

internal sealed class GrpcStreamReader<T>(GrpcCall call, MessageParser parser) : IGrpcStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("MoveNextAsync has not returned true.");

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        _current = (T?)await call.ReadMessageAsync(parser, cancellationToken).ConfigureAwait(false);
        return _current is not null;
    }
}
