using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Policy;
using Rapport.Domain.Sharing;

namespace Rapport.Application.SharedRecords;

/// <summary>The pair we share a record with a remote peer in, our side of it, and the newest grant held for it.</summary>
public sealed record Relationship(SharedRecordPair Pair, SharingRole Role, SignedConsentGrant Newest)
{
    public string RemotePeerId => Role == SharingRole.Business ? Pair.CustomerPeerId : Pair.BusinessPeerId;

    public SharingGrant Grant => Newest.Grant;

    /// <summary>
    /// A use of this record for the gate to decide, as <paramref name="actor"/>; on the business's node it names the
    /// contact linked to the customer, if any, so the decision is found under that contact too.
    /// </summary>
    public async Task<SharedRecordRequest> UseAsync(
        IReadUnitOfWork work, string action, string fieldAction, IReadOnlyCollection<string> fields, string actor, bool carriesRecordData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var contact = Role == SharingRole.Business
            ? await work.SharedRecords.FindContactByPeerAsync(Pair.CustomerPeerId, cancellationToken).ConfigureAwait(false)
            : null;
        return new SharedRecordRequest(Newest, action, fieldAction, fields, actor, contact?.ToString(), carriesRecordData);
    }

    /// <summary>The field action a delta this node sends is decided for: the customer shows, the business writes.</summary>
    public string SendsFieldsAs => Role == SharingRole.Customer ? PolicyActions.ReadSharedField : PolicyActions.WriteSharedField;

    /// <summary>The field action a delta this node receives is decided for: the business views, the customer takes edits.</summary>
    public string ReceivesFieldsAs => Role == SharingRole.Customer ? PolicyActions.WriteSharedField : PolicyActions.ReadSharedField;

    /// <summary>
    /// The protocol error for a use <paramref name="decision"/> denied: the grant's own state (revoked, expired, not yet
    /// effective) as the peer knows it from the protocol, or the policy's denial.
    /// </summary>
    public Error Refusal(SharedRecordDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Grant.EnsureActiveAt(now) is { IsFailure: true } inactive ? inactive.Error : ConsentGate.Denial(decision.Record);
    }

    /// <summary>
    /// The relationship with <paramref name="remotePeerId"/>, or null when no grant was ever exchanged. Should both
    /// directions exist (each node a business of the other), the more recently issued grant decides.
    /// </summary>
    public static async Task<Relationship?> FindAsync(IReadUnitOfWork work, string localPeerId, string remotePeerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var asBusiness = await work.Sharing.LatestGrantAsync(localPeerId, remotePeerId, cancellationToken).ConfigureAwait(false);
        var asCustomer = await work.Sharing.LatestGrantAsync(remotePeerId, localPeerId, cancellationToken).ConfigureAwait(false);
        if (asBusiness is not null && (asCustomer is null || asBusiness.Grant.IssuedAt >= asCustomer.Grant.IssuedAt))
        {
            return new Relationship(new SharedRecordPair(localPeerId, remotePeerId), SharingRole.Business, asBusiness);
        }

        return asCustomer is null
            ? null
            : new Relationship(new SharedRecordPair(remotePeerId, localPeerId), SharingRole.Customer, asCustomer);
    }
}
