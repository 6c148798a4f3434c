using Rapport.Application.Common;

namespace Rapport.Application.SharedRecords.Profile;

/// <summary>Customer side: the customer's own profile, every field, as the shared records are built from it.</summary>
public sealed class ShowProfile(IUnitOfWorkFactory unitOfWork)
{
    public async Task<IReadOnlyDictionary<string, string>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await work.Profile.AllAsync(cancellationToken).ConfigureAwait(false);
    }
}
