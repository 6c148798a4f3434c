using Rapport.Application.Common;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Accept;

/// <summary>
/// The customer's decision: all or part of the requested fields (at most at the requested level) and the purposes it
/// agrees to (every other requested purpose is recorded as refused).
/// </summary>
public sealed record AcceptRequestCommand(
    SharingRequestId RequestId,
    IReadOnlyDictionary<string, AccessLevel> Fields,
    IReadOnlyList<string> Purposes,
    string Actor);

/// <summary>Customer side: signs the next grant version for the pair, stores it and delivers it to the business.</summary>
public sealed class AcceptRequest(
    IUnitOfWorkFactory unitOfWork,
    IGrantSigner signer,
    IConsentChannel channel,
    IClock clock,
    NodeClock nodeClock,
    ISharedRecordChanges changes)
{
    private readonly GrantIssuer _issuer = new(unitOfWork, signer, channel, clock, nodeClock, changes);

    public async Task<Result<IssuedGrant>> ExecuteAsync(AcceptRequestCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var known = await work.Sharing.FindRequestAsync(command.RequestId, cancellationToken).ConfigureAwait(false);
        if (known is not { Direction: RequestDirection.Incoming })
        {
            return new Error(SharingReceiptErrors.RequestNotFound, $"no request {command.RequestId} was received", "request");
        }

        if (known.Status != SharingRequestStatus.Pending)
        {
            return new Error(SharingReceiptErrors.RequestNotPending, $"request {command.RequestId} was already {known.Status.ToString().ToLowerInvariant()}", "request");
        }

        var request = known.Request;
        var last = await work.Sharing.LatestGrantAsync(request.BusinessPeerId.Value, request.CustomerPeerId.Value, cancellationToken).ConfigureAwait(false);
        var now = clock.UtcNow;
        var grant = SharingGrant.ForRequest(request, command.Fields, command.Purposes, now, now, (last?.Grant.Version ?? 0) + 1);
        if (grant.IsFailure)
        {
            return grant.Error;
        }

        return await _issuer.IssueAsync(work, grant.Value, command.Actor, "sharing.granted", request.Id, cancellationToken).ConfigureAwait(false);
    }
}
