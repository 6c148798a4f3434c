using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Application.Interactions;

/// <summary>Records an interaction on a contact's timeline and moves the contact's last-interaction marker.</summary>
public sealed class LogInteraction(IUnitOfWorkFactory unitOfWork, IClock clock, IIdGenerator ids)
{
    public async Task<Result<Interaction>> ExecuteAsync(LogInteractionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.UtcNow;
        var interaction = Interaction.Create(
            new InteractionId(ids.NewId()), request.ContactId, request.Type, request.Summary, request.Details, request.At ?? now, request.Duration, request.Author);
        if (interaction.IsFailure)
        {
            return interaction.Error;
        }

        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var contact = await uow.Contacts.GetAsync(request.ContactId, cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            return ContactErrors.Unknown(request.ContactId, "contact");
        }

        var logged = interaction.Value;
        await uow.Interactions.AddAsync(logged, cancellationToken).ConfigureAwait(false);
        var touched = contact.InteractedAt(logged.At);
        if (!ReferenceEquals(touched, contact))
        {
            await uow.Contacts.UpdateAsync(touched, cancellationToken).ConfigureAwait(false);
        }

        await uow.Audit.AppendAsync(
            CrmAudit.Event(now, request.Author, "interaction.logged", logged.Id.ToString(), contact.Id.ToString(),
                ("type", logged.Type.Name()), ("at", logged.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), ("summary", logged.Summary)),
            cancellationToken).ConfigureAwait(false);
        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        return logged;
    }
}
