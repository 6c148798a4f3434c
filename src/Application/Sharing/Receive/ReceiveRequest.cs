using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Receive;

/// <summary>
/// Customer side (protocol/sharing.md §5): a request from the authenticated peer <c>remotePeerId</c> waits as pending.
/// The same request twice is accepted once; a known id with other content is refused.
/// </summary>
public sealed class ReceiveRequest(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock)
{
    public async Task<Result<Unit>> ExecuteAsync(SharingRequest request, string remotePeerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.BusinessPeerId.Value != remotePeerId)
        {
            return new Error(SharingReceiptErrors.WrongPeer, "the request names another business than the sending peer");
        }

        if (request.CustomerPeerId.Value != identity.LocalPeerId)
        {
            return new Error(SharingReceiptErrors.WrongPeer, "the request is addressed to another customer");
        }

        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var known = await work.Sharing.FindRequestAsync(request.Id, cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            return known.Direction == RequestDirection.Incoming && known.Request.Equals(request)
                ? Result.Ok()
                : new Error(SharingReceiptErrors.DuplicateRequest, $"request {request.Id} is already known with other content");
        }

        var now = clock.UtcNow;
        await work.Sharing.AddRequestAsync(request, RequestDirection.Incoming, now, cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(SharingAudit.Request(now, $"peer:{remotePeerId}", "sharing.request_received", request), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok();
    }
}
