using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Sharing.Show;

/// <summary>One sharing request this node sent or received, or REQUEST_NOT_FOUND.</summary>
public sealed class ShowSharingRequest(IUnitOfWorkFactory unitOfWork)
{
    public async Task<Result<StoredSharingRequest>> ExecuteAsync(SharingRequestId id, string field = "id", CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await work.Sharing.FindRequestAsync(id, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : new Error(SharingReceiptErrors.RequestNotFound, $"no request {id}", field);
    }
}
