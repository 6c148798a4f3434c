using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Application.Interactions;

/// <summary>A contact's interactions, newest first.</summary>
public sealed class ShowTimeline(IUnitOfWorkFactory unitOfWork)
{
    public const int DefaultLimit = 100;

    public async Task<Result<Timeline>> ExecuteAsync(ContactId contactId, int limit = DefaultLimit, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 100_000)
        {
            return new Error(InteractionErrors.TimelineLimitInvalid, "limit must be between 1 and 100000", "limit");
        }

        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (await uow.Contacts.GetAsync(contactId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ContactErrors.Unknown(contactId);
        }

        var entries = await uow.Interactions.TimelineAsync(contactId, limit, cancellationToken).ConfigureAwait(false);
        return Timeline.Of(contactId, entries);
    }
}
