using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Decline;

/// <param name="Reason">Optional words for the business (at most <see cref="SharingDecline.MaxReasonLength"/> characters).</param>
public sealed record DeclineRequestCommand(SharingRequestId RequestId, string Actor, string? Reason = null);

/// <summary>
/// Customer side: refuses a pending request. The decision is stored first; telling the business is best effort
/// (<see cref="DeclineOutcome.DeliveryError"/>), since nothing is shared either way.
/// </summary>
public sealed class DeclineRequest(IUnitOfWorkFactory unitOfWork, IConsentChannel channel, IClock clock)
{
    public async Task<Result<DeclineOutcome>> ExecuteAsync(DeclineRequestCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.UtcNow;
        var decline = SharingDecline.Create(command.RequestId, now, command.Reason);
        if (decline.IsFailure)
        {
            return decline.Error;
        }

        SharingRequest request;
        await using (var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false))
        {
            var known = await work.Sharing.FindRequestAsync(command.RequestId, cancellationToken).ConfigureAwait(false);
            if (known is not { Direction: RequestDirection.Incoming })
            {
                return new Error(SharingReceiptErrors.RequestNotFound, $"no request {command.RequestId} was received", "request");
            }

            if (known.Status != SharingRequestStatus.Pending)
            {
                return new Error(SharingReceiptErrors.RequestNotPending, $"request {command.RequestId} was already {known.Status.ToString().ToLowerInvariant()}", "request");
            }

            request = known.Request;
            await work.Sharing.DeclineRequestAsync(decline.Value, now, cancellationToken).ConfigureAwait(false);
            await work.Audit.AppendAsync(SharingAudit.Declined(now, command.Actor, request, decline.Value), cancellationToken).ConfigureAwait(false);
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var sent = await channel.SendDeclineAsync(request.BusinessPeerId.Value, decline.Value, cancellationToken).ConfigureAwait(false);
        return new DeclineOutcome(request, decline.Value, sent.IsFailure ? sent.Error : null);
    }
}
