using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Host.Daemon;

/// <summary>The consent channel of the running node: reaches the peer first (re-dialing a known one), then does the exchange.</summary>
public sealed class ConnectingConsentChannel(PeerConnector connector, IConsentChannel inner) : IConsentChannel
{
    public async Task<Result<Unit>> SendRequestAsync(SharingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reached = await connector.EnsureAsync(request.CustomerPeerId.Value, cancellationToken).ConfigureAwait(false);
        return reached.IsFailure ? reached.Error : await inner.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<GrantReceipt>> DeliverGrantAsync(SignedConsentGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var reached = await connector.EnsureAsync(grant.Grant.BusinessPeerId.Value, cancellationToken).ConfigureAwait(false);
        return reached.IsFailure ? reached.Error : await inner.DeliverGrantAsync(grant, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<Unit>> SendDeclineAsync(string businessPeerId, SharingDecline decline, CancellationToken cancellationToken = default)
    {
        var reached = await connector.EnsureAsync(businessPeerId, cancellationToken).ConfigureAwait(false);
        return reached.IsFailure ? reached.Error : await inner.SendDeclineAsync(businessPeerId, decline, cancellationToken).ConfigureAwait(false);
    }
}
