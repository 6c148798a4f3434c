using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing;

/// <summary>
/// What a node keeps of the consent flow: requests it sent (business) or received (customer) with their status,
/// every signed grant version it issued (customer) or accepted (business), and the business's receipts.
/// </summary>
public interface ISharingStore
{
    Task<StoredSharingRequest?> FindRequestAsync(SharingRequestId id, CancellationToken cancellationToken = default);

    /// <summary>Stores a new request as <see cref="SharingRequestStatus.Pending"/>; the id must not be known yet.</summary>
    Task AddRequestAsync(SharingRequest request, RequestDirection direction, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Incoming requests still waiting for the customer's decision, oldest first.</summary>
    Task<IReadOnlyList<SharingRequest>> PendingIncomingAsync(CancellationToken cancellationToken = default);

    /// <summary>Business side: whether a request this node sent to <paramref name="customerPeerId"/> still waits for its answer.</summary>
    Task<bool> AwaitsAnswerFromAsync(string customerPeerId, CancellationToken cancellationToken = default);

    Task SetRequestStatusAsync(SharingRequestId id, SharingRequestStatus status, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Marks a request declined, keeping the customer's reason (if any) for <c>requests show</c>.</summary>
    Task DeclineRequestAsync(SharingDecline decline, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Stores a signed grant version; fails with <c>CONSENT_REPLAY</c> unless it is above every stored version of its pair.</summary>
    Task<Result<Unit>> AddGrantAsync(SignedConsentGrant grant, DateTimeOffset storedAt, CancellationToken cancellationToken = default);

    /// <summary>The newest stored grant version of the business–customer pair, or null.</summary>
    Task<SignedConsentGrant?> LatestGrantAsync(string businessPeerId, string customerPeerId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SignedConsentGrant>> GrantHistoryAsync(string businessPeerId, string customerPeerId, CancellationToken cancellationToken = default);

    /// <summary>Stores the business's receipt for a grant version of the pair (replacing none: one receipt per version).</summary>
    Task AddReceiptAsync(string businessPeerId, string customerPeerId, GrantReceipt receipt, CancellationToken cancellationToken = default);

    Task<GrantReceipt?> FindReceiptAsync(string businessPeerId, string customerPeerId, long version, CancellationToken cancellationToken = default);

    /// <summary>Every request sent or received, newest first.</summary>
    Task<IReadOnlyList<StoredSharingRequest>> ListRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest grant version of every business–customer pair this node holds, in either role.</summary>
    Task<IReadOnlyList<SignedConsentGrant>> LatestGrantsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest grant version of each pair issued by <paramref name="customerPeerId"/> that has no receipt yet:
    /// signed and stored, but not (yet) confirmed delivered to the business.
    /// </summary>
    Task<IReadOnlyList<SignedConsentGrant>> UndeliveredGrantsAsync(string customerPeerId, CancellationToken cancellationToken = default);
}
