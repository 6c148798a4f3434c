using Rapport.Application.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Pending;

/// <summary>Customer side: the requests waiting for a decision, oldest first.</summary>
public sealed class ListPendingRequests(IUnitOfWorkFactory unitOfWork)
{
    public async Task<IReadOnlyList<SharingRequest>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await work.Sharing.PendingIncomingAsync(cancellationToken).ConfigureAwait(false);
    }
}
