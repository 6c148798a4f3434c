using Rapport.Application.Common;
using Rapport.Application.Sharing;

namespace Rapport.Application.Peers.Delivery;

/// <summary>
/// Customer side (protocol/sharing.md §5, revocation push): a grant or revocation this node signed is stored before it
/// is sent, and counts as delivered only once the business's verified receipt is stored. This sends the newest
/// unconfirmed version of each pair again (it supersedes older ones) and stores the receipts that come back.
/// </summary>
public sealed class DeliverPendingGrants(IUnitOfWorkFactory unitOfWork, IGrantSigner signer, IConsentChannel channel)
{
    /// <summary>The unconfirmed grants, optionally only those to <paramref name="businessPeerId"/>.</summary>
    public async Task<IReadOnlyList<Domain.Sharing.SignedConsentGrant>> PendingAsync(string? businessPeerId, CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var pending = await work.Sharing.UndeliveredGrantsAsync(signer.LocalPeerId, cancellationToken).ConfigureAwait(false);
        return businessPeerId is null ? pending : pending.Where(g => g.Grant.BusinessPeerId.Value == businessPeerId).ToList();
    }

    public async Task<IReadOnlyList<DeliveryOutcome>> ExecuteAsync(string? businessPeerId, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<DeliveryOutcome>();
        foreach (var grant in await PendingAsync(businessPeerId, cancellationToken).ConfigureAwait(false))
        {
            var delivered = await channel.DeliverGrantAsync(grant, cancellationToken).ConfigureAwait(false);
            var checkedReceipt = delivered.Bind(receipt => GrantIssuer.CheckReceipt(grant, receipt, signer).Map(_ => receipt));
            if (checkedReceipt.IsFailure)
            {
                outcomes.Add(new DeliveryOutcome(grant, checkedReceipt.Error));
                continue;
            }

            await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
            await work.Sharing.AddReceiptAsync(grant.Grant.BusinessPeerId.Value, grant.Grant.CustomerPeerId.Value, checkedReceipt.Value, cancellationToken).ConfigureAwait(false);
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            outcomes.Add(new DeliveryOutcome(grant, null));
        }

        return outcomes;
    }
}
