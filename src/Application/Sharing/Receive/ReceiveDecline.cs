using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Receive;

/// <summary>Business side: the customer the request was sent to declined it.</summary>
public sealed class ReceiveDecline(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<Unit>> ExecuteAsync(SharingDecline decline, string remotePeerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decline);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var known = await work.Sharing.FindRequestAsync(decline.RequestId, cancellationToken).ConfigureAwait(false);
        if (known is null || known.Direction != RequestDirection.Outgoing)
        {
            return new Error(SharingReceiptErrors.RequestNotFound, $"no request {decline.RequestId} was sent");
        }

        if (known.Request.CustomerPeerId.Value != remotePeerId)
        {
            return new Error(SharingReceiptErrors.WrongPeer, "only the customer the request was sent to can decline it");
        }

        var now = clock.UtcNow;
        await work.Sharing.DeclineRequestAsync(decline, now, cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(SharingAudit.Declined(now, $"peer:{remotePeerId}", known.Request, decline), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok();
    }
}
