using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Request;

public sealed record RequestSharingCommand(
    string CustomerPeerId,
    IReadOnlyDictionary<string, AccessLevel> Fields,
    IReadOnlyList<string> Purposes,
    TimeSpan Duration,
    string Reason,
    string Actor);

/// <summary>Business side: asks a customer to share; the request is stored as outgoing once the customer has it.</summary>
public sealed class RequestSharing(IUnitOfWorkFactory unitOfWork, IConsentChannel channel, IGrantSigner identity, IClock clock, IIdGenerator ids)
{
    public async Task<Result<SharingRequest>> ExecuteAsync(RequestSharingCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.UtcNow;
        var created = SharingRequest.Create(
            new SharingRequestId(ids.NewId()), identity.LocalPeerId, command.CustomerPeerId, command.Fields, command.Purposes, command.Duration, command.Reason, now);
        if (!created.TryGetValue(out var request))
        {
            return created.Error;
        }

        var sent = await channel.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
        if (sent.IsFailure)
        {
            return sent.Error;
        }

        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await work.Sharing.AddRequestAsync(request, RequestDirection.Outgoing, now, cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(SharingAudit.Request(now, command.Actor, "sharing.requested", request), cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return request;
    }
}
