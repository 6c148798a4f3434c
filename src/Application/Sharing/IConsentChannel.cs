using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing;

/// <summary>The consent protocol as seen by the use cases: one exchange per call with the peer the message names.</summary>
public interface IConsentChannel
{
    /// <summary>Business → customer: succeeds once the customer stored the request as pending.</summary>
    Task<Result<Unit>> SendRequestAsync(SharingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Customer → business: a new grant, a change or a revocation; answered with the business's signed receipt.</summary>
    Task<Result<GrantReceipt>> DeliverGrantAsync(SignedConsentGrant grant, CancellationToken cancellationToken = default);

    /// <summary>Customer → business: the request is declined.</summary>
    Task<Result<Unit>> SendDeclineAsync(string businessPeerId, SharingDecline decline, CancellationToken cancellationToken = default);
}
