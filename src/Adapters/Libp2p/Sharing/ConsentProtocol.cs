using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Refusals;
using Rapport.Domain.Common;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Network;
using Rapport.Libp2p.Protocols;
using Rapport.Protocol.Sharing.V1;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>
/// The answering side of <c>/rapport/consent/1.0.0</c> (protocol/sharing.md §5): one frame in, one answer out, then
/// the stream is closed. A malformed frame is answered <c>PROTO_MALFORMED</c> and the stream is reset; the node
/// keeps serving. The remote peer id is the one the Noise handshake authenticated. Every refusal is audited: the
/// use cases audit their own, <paramref name="refusals"/> the ones made here or left unaudited by a use case.
/// </summary>
public sealed class ConsentProtocol(
    ReceiveRequest requests, ReceiveGrant grants, ReceiveDecline declines, RecordProtocolRefusal refusals, ILogger<ConsentProtocol>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ConsentProtocol>.Instance;

    public const string RefusedAction = "sharing.message_refused";

    public const string Id = "/rapport/consent/1.0.0";
    private static readonly TimeSpan RemoteCloseTimeout = TimeSpan.FromSeconds(5);

    public void Register(Libp2pHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Protocols.Register(Id, HandleAsync);
    }

    public async Task HandleAsync(Stream stream, ProtocolContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        var received = await ConsentFrame.ReadAsync(stream, ct).ConfigureAwait(false);
        if (received.IsFailure)
        {
            await RefusedAsync(context.RemotePeerId, received.Error, ct).ConfigureAwait(false);
            // The answer goes out before the reset (a reset straight away could overtake it); whatever else the
            // opener sends is drained, bounded, and ignored.
            if (await TryAnswerAsync(stream, ErrorMessage(received.Error, null, 0), ct).ConfigureAwait(false))
            {
                await AwaitRemoteCloseAsync(stream, ct).ConfigureAwait(false);
            }

            (stream as MuxedStream)?.Reset();
            return;
        }

        var (answer, unaudited) = await AnswerAsync(received.Value, context.RemotePeerId, ct).ConfigureAwait(false);
        if (answer.BodyCase == ConsentMessage.BodyOneofCase.Error)
        {
            ConsentLog.Refused(_logger, received.Value.BodyCase.ToString().ToLowerInvariant(), context.RemotePeerId, answer.Error.Code);
        }
        else
        {
            ConsentLog.Received(_logger, received.Value.BodyCase.ToString().ToLowerInvariant(), context.RemotePeerId);
        }

        if (unaudited is { } refusal)
        {
            await RefusedAsync(context.RemotePeerId, refusal, ct).ConfigureAwait(false);
        }

        await ConsentFrame.WriteAsync(stream, answer, ct).ConfigureAwait(false);
        if (stream is IHalfClosableStream halfClosable)
        {
            await halfClosable.CloseWriteAsync().ConfigureAwait(false);
        }

        await AwaitRemoteCloseAsync(stream, ct).ConfigureAwait(false);
    }

    // Disposing a stream the opener has not closed resets it, which could overtake the answer in flight: wait
    // (briefly) for the opener to close its side. Anything it sends after its one frame is ignored.
    private static async Task AwaitRemoteCloseAsync(Stream stream, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RemoteCloseTimeout);
        var sink = new byte[256];
        try
        {
            while (await stream.ReadAsync(sink, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The opener went away or kept its side open too long; the answer was sent either way.
        }
    }

    private Task RefusedAsync(string remotePeerId, Error error, CancellationToken ct) =>
        refusals.ExecuteAsync(remotePeerId, Id, RefusedAction, error, ct);

    /// <summary>The answer, and the refusal it carries when no use case audited it.</summary>
    private async Task<(ConsentMessage Answer, Error? Unaudited)> AnswerAsync(ConsentMessage message, string remotePeerId, CancellationToken ct)
    {
        switch (message.BodyCase)
        {
            case ConsentMessage.BodyOneofCase.Request:
                {
                    var request = ConsentWire.FromWire(message.Request);
                    var stored = request.IsFailure ? (Error?)request.Error : (await requests.ExecuteAsync(request.Value, remotePeerId, ct).ConfigureAwait(false)).ErrorOrNull();
                    return stored is { } error
                        ? (ErrorMessage(error, message.Request.RequestId, 0), error)
                        : (new ConsentMessage { Received = new RequestReceived { RequestId = message.Request.RequestId } }, null);
                }

            case ConsentMessage.BodyOneofCase.Grant:
                {
                    var signed = ConsentWire.FromWire(message.Grant);
                    if (signed.IsFailure)
                    {
                        return (ErrorMessage(signed.Error, null, 0), signed.Error);
                    }

                    // The customer's clock lifts the purge watermark above writes still in flight (sharing.md §6.5); an
                    // unreadable one only loses that lift, never the grant.
                    var senderClock = message.SenderClock is { } wire && Sync.SyncWire.FromWire(wire, WireErrors.Malformed, "sender_clock").TryGetValue(out var stamp)
                        ? stamp
                        : (Domain.SharedRecords.HlcTimestamp?)null;
                    var receipt = await grants.ExecuteAsync(signed.Value, remotePeerId, senderClock, ct).ConfigureAwait(false);
                    // ReceiveGrant audits its own refusals.
                    return receipt.IsFailure
                        ? (ErrorMessage(receipt.Error, null, (ulong)signed.Value.Grant.Version), null)
                        : (new ConsentMessage { Receipt = ConsentWire.ToWire(receipt.Value) }, null);
                }

            case ConsentMessage.BodyOneofCase.Decline:
                {
                    var decline = ConsentWire.FromWire(message.Decline);
                    var stored = decline.IsFailure ? (Error?)decline.Error : (await declines.ExecuteAsync(decline.Value, remotePeerId, ct).ConfigureAwait(false)).ErrorOrNull();
                    return stored is { } error
                        ? (ErrorMessage(error, message.Decline.RequestId, 0), error)
                        : (new ConsentMessage { Received = new RequestReceived { RequestId = message.Decline.RequestId } }, null);
                }

            default:
                {
                    var unsupported = new Error(WireErrors.Unsupported, $"a consent stream does not start with {message.BodyCase}");
                    return (ErrorMessage(unsupported, null, 0), unsupported);
                }
        }
    }

    private static ConsentMessage ErrorMessage(Error error, ByteString? requestId, ulong version) => new()
    {
        Error = new ConsentError { Code = error.Code.Value, Message = error.Message, RequestId = requestId ?? ByteString.Empty, GrantVersion = version },
    };

    private static async Task<bool> TryAnswerAsync(Stream stream, ConsentMessage answer, CancellationToken ct)
    {
        try
        {
            await ConsentFrame.WriteAsync(stream, answer, ct).ConfigureAwait(false);
            if (stream is IHalfClosableStream halfClosable)
            {
                await halfClosable.CloseWriteAsync().ConfigureAwait(false);
            }

            return true;
        }
        catch (IOException)
        {
            // The peer may already be gone; the stream is reset next either way.
            return false;
        }
    }
}
