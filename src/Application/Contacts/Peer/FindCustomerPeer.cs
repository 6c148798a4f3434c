using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Peers;

namespace Rapport.Application.Contacts.Peer;

/// <summary>
/// Business side: the node of a platform-native contact — the peer a share request or a shared-record command goes
/// to. Only the contact's peer id is read, none of its personal fields.
/// </summary>
public sealed class FindCustomerPeer(IUnitOfWorkFactory unitOfWork)
{
    public async Task<Result<PeerId>> ExecuteAsync(ContactId contact, string why, string field = "contact", CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await work.Contacts.GetAsync(contact, cancellationToken).ConfigureAwait(false) switch
        {
            null => ContactErrors.Unknown(contact, field),
            { PeerId: null } => new Error(ContactErrors.NotPlatformNative, $"contact {contact} has no peer id: {why}", field),
            { PeerId: { } peer } => peer,
        };
    }
}
