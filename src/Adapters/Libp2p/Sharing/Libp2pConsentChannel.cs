using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Network;
using ConsentMessage = Rapport.Protocol.Sharing.V1.ConsentMessage;
using HlcTimestamp = Rapport.Protocol.Sharing.V1.HlcTimestamp;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>
/// The opening side of <c>/rapport/consent/1.0.0</c> over the host's existing connection to the peer the message
/// names: one frame out, one answer in, one stream per exchange.
/// </summary>
public sealed class Libp2pConsentChannel(Libp2pHost host, TimeSpan? timeout = null) : IConsentChannel
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public async Task<Result<Unit>> SendRequestAsync(SharingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await ExchangeAsync(request.CustomerPeerId.Value, new ConsentMessage { Request = ConsentWire.ToWire(request) }, cancellationToken).ConfigureAwait(false);
        return answer.Bind(message => Expect(message, ConsentMessage.BodyOneofCase.Received));
    }

    public async Task<Result<GrantReceipt>> DeliverGrantAsync(SignedConsentGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var message = new ConsentMessage
        {
            Grant = ConsentWire.ToWire(grant),

            // The customer's clock at signing bounds the business's purge watermark (sharing.md §6.5).
            SenderClock = new HlcTimestamp { PhysicalMs = grant.Grant.IssuedAt.ToUnixTimeMilliseconds(), NodeId = grant.Grant.CustomerPeerId.Value },
        };
        var answer = await ExchangeAsync(grant.Grant.BusinessPeerId.Value, message, cancellationToken).ConfigureAwait(false);
        return answer
            .Bind(m => Expect(m, ConsentMessage.BodyOneofCase.Receipt))
            .Bind(_ => ConsentWire.FromWire(answer.Value.Receipt));
    }

    public async Task<Result<Unit>> SendDeclineAsync(string businessPeerId, SharingDecline decline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decline);
        var answer = await ExchangeAsync(businessPeerId, new ConsentMessage { Decline = ConsentWire.ToWire(decline) }, cancellationToken).ConfigureAwait(false);
        return answer.Bind(message => Expect(message, ConsentMessage.BodyOneofCase.Received));
    }

    private static Result<Unit> Expect(ConsentMessage message, ConsentMessage.BodyOneofCase expected) =>
        message.BodyCase == expected ? Result.Ok()
        : message.BodyCase == ConsentMessage.BodyOneofCase.Error ? PeerCodes.Answered(message.Error.Code, message.Error.Message)
        : new Error(WireErrors.Malformed, $"expected {expected}, the peer answered {message.BodyCase}");

    private async Task<Result<ConsentMessage>> ExchangeAsync(string peerIdText, ConsentMessage message, CancellationToken cancellationToken)
    {
        var peer = PeerId.Parse(peerIdText);
        if (peer.IsFailure)
        {
            return new Error(ConsentChannelErrors.UnknownPeer, $"'{peerIdText}' is not a peer id: {peer.Error.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var opened = await host.OpenStreamAsync(peer.Value, ConsentProtocol.Id, timeout.Token).ConfigureAwait(false);
            if (opened.IsFailure)
            {
                return opened.Error.ToRapport();
            }

            await using var stream = opened.Value.Stream;
            await ConsentFrame.WriteAsync(stream, message, timeout.Token).ConfigureAwait(false);
            if (stream is IHalfClosableStream halfClosable)
            {
                await halfClosable.CloseWriteAsync().ConfigureAwait(false);
            }

            return await ConsentFrame.ReadAsync(stream, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Error(ConsentChannelErrors.Timeout, $"{peerIdText} did not answer on {ConsentProtocol.Id} within {_timeout.TotalSeconds:0.#} s");
        }
        catch (IOException e)
        {
            return new Error(ConsentChannelErrors.Unreachable, $"the consent exchange with {peerIdText} failed: {e.Message}");
        }
    }
}
