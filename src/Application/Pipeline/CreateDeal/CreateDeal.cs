using System.Globalization;
using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

/// <summary>Opens a deal with a contact in the first stage of a pipeline.</summary>
public sealed class CreateDeal(IUnitOfWorkFactory unitOfWork, IClock clock, IIdGenerator ids)
{
    public async Task<Result<Deal>> ExecuteAsync(CreateDealRequest request, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = Money.Parse(request.Value, request.Currency);
        if (value.IsFailure)
        {
            return value.Error;
        }

        DateOnly? close = null;
        if (!string.IsNullOrWhiteSpace(request.ExpectedClose))
        {
            if (!DateOnly.TryParseExact(request.ExpectedClose.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return new Error(DealErrors.CloseInvalid, $"'{request.ExpectedClose}' is not a date (expected yyyy-MM-dd)", "close");
            }

            close = date;
        }

        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var pipeline = await uow.Pipelines.FindAsync(request.Pipeline, cancellationToken).ConfigureAwait(false);
        if (pipeline is null)
        {
            return PipelineErrors.Unknown(request.Pipeline);
        }

        if (await uow.Contacts.GetAsync(request.ContactId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ContactErrors.Unknown(request.ContactId, "contact");
        }

        var now = clock.UtcNow;
        var deal = Deal.Open(new DealId(ids.NewId()), pipeline, request.ContactId, request.Title, value.Value, close, now);
        if (deal.IsFailure)
        {
            return deal.Error;
        }

        await uow.Deals.AddAsync(deal.Value, cancellationToken).ConfigureAwait(false);
        await uow.Audit.AppendAsync(
            CrmAudit.Event(now, actor, "deal.created", deal.Value.Id.ToString(), request.ContactId.ToString(),
                ("pipeline", pipeline.Name), ("stage", deal.Value.Stage), ("title", deal.Value.Title), ("value", deal.Value.Value.ToString()),
                ("close", close?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            cancellationToken).ConfigureAwait(false);
        await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deal.Value;
    }
}
