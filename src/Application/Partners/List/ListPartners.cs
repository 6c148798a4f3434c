using Rapport.Application.Common;

namespace Rapport.Application.Partners;

public sealed class ListPartners(IUnitOfWorkFactory unitOfWork)
{
    public async Task<IReadOnlyList<Partner>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await work.Partners.ListAsync(cancellationToken).ConfigureAwait(false);
    }
}
