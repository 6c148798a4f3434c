using Rapport.Application.Common;

namespace Rapport.Application.Sharing.Grants;

/// <summary>The newest signed grant per business and customer this node issued or holds, each with its receipt.</summary>
public sealed class ListSignedGrants(IUnitOfWorkFactory unitOfWork)
{
    public async Task<IReadOnlyList<SignedGrantWithReceipt>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var grants = new List<SignedGrantWithReceipt>();
        foreach (var signed in await work.Sharing.LatestGrantsAsync(cancellationToken).ConfigureAwait(false))
        {
            var g = signed.Grant;
            var receipt = await work.Sharing.FindReceiptAsync(g.BusinessPeerId.Value, g.CustomerPeerId.Value, g.Version, cancellationToken).ConfigureAwait(false);
            grants.Add(new SignedGrantWithReceipt(signed, receipt));
        }

        return grants;
    }
}
