using Rapport.Application.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.List;

/// <summary>The sharing requests this node sent or received.</summary>
public sealed class ListSharingRequests(IUnitOfWorkFactory unitOfWork)
{
    /// <summary>Every request, newest first, with its direction and status.</summary>
    public async Task<IReadOnlyList<StoredSharingRequest>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await work.Sharing.ListRequestsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Customer side: the requests waiting for a decision, oldest first.</summary>
    public async Task<IReadOnlyList<SharingRequest>> PendingIncomingAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await work.Sharing.PendingIncomingAsync(cancellationToken).ConfigureAwait(false);
    }
}
