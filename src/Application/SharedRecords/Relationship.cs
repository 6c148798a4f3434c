using Rapport.Application.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.SharedRecords;

/// <summary>The pair we share a record with a remote peer in, our side of it, and the newest grant held for it.</summary>
public sealed record Relationship(SharedRecordPair Pair, SharingRole Role, SignedConsentGrant Newest)
{
    public string RemotePeerId => Role == SharingRole.Business ? Pair.CustomerPeerId : Pair.BusinessPeerId;

    public ConsentGrant Grant => Newest.Grant;

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
