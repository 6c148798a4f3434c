using System.IO.Pipelines;
using Google.Protobuf;

namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>Reads length-prefixed messages from a request body pipe; framing errors surface as <see cref="RpcException"/>.</summary>
internal sealed class GrpcMessageReader
{
    private readonly PipeReader _reader;
    private readonly MessageDecoder _decoder;
    private bool _completed;

    public GrpcMessageReader(PipeReader reader, MessageDecoder decoder)
    {
        _reader = reader;
        _decoder = decoder;
    }

    public bool AnyCompressed { get; private set; }

    /// <summary>The next message, or null at the end of the request stream.</summary>
    public async ValueTask<IMessage?> ReadAsync(MessageParser parser, CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return null;
        }

        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var decoded = _decoder.TryDecode(ref buffer, parser, out var compressed);
            if (decoded.Message is not null)
            {
                AnyCompressed |= compressed;
                _reader.AdvanceTo(buffer.Start);
                return decoded.Message;
            }

            if (decoded.Error is not null)
            {
                _reader.AdvanceTo(buffer.Start);
                _completed = true;
                throw new RpcException(decoded.Error);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var leftover = buffer.Length;
                _reader.AdvanceTo(buffer.End);
                _completed = true;
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                return leftover == 0 ? null : throw new RpcException(StatusCode.Internal, "Incomplete message: the request stream ended inside a length-prefixed message");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
