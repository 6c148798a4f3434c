using Rapport.Application.Common;
using Rapport.Application.Common.Csv;
using Rapport.Application.Contacts.Csv;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Contacts;

/// <summary>
/// Writes as CSV (the same columns <see cref="ImportContactsCsv"/> reads) every contact whose consent allows
/// <see cref="PolicyActions.ExportContacts"/> for the purpose (none named: the business's own record keeping, a
/// backup). Streams in pages of <see cref="BatchSize"/>: each page's decisions, one per contact, are committed to the
/// audit log before its rows are written, so no row leaves without its decision.
/// </summary>
public sealed class ExportContactsCsv(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    public const int BatchSize = 1000;

    public async Task<Result<ContactExport>> ExecuteAsync(TextWriter output, string? purpose, string actor, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var request = GateRequest.Read(PolicyActions.ExportContacts, actor, purpose);
        var parsed = Purpose.Parse(request.Purpose);
        if (parsed.IsFailure)
        {
            return parsed.Error;
        }

        // A purpose that needs consent has only contacts with a record for it as candidates; crm has everyone.
        var candidatesFor = gate.RecordNeededFor(parsed.Value);
        var writer = new CsvWriter(output);
        await writer.WriteAsync(ContactCsvColumns.All, cancellationToken).ConfigureAwait(false);
        var exported = 0;
        var withheld = 0;
        ContactCursor? cursor = null;
        try
        {
            while (true)
            {
                List<Contact> allowed;
                await using (var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var batch = await work.Contacts.PageAsync(new ContactPageQuery(ContactFilter.All, cursor, BatchSize, candidatesFor), cancellationToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    var decisions = await gate.DecideManyAsync(work, [.. batch.Select(c => c.Id)], request, clock.UtcNow, cancellationToken).ConfigureAwait(false);
                    allowed = [.. batch.Where((_, i) => decisions[i].Allowed)];
                    withheld += batch.Count - allowed.Count;
                    cursor = ContactCursor.After(batch[^1], ContactOrder.ByName);
                }

                foreach (var contact in allowed)
                {
                    await writer.WriteAsync(ContactCsvColumns.Row(contact), cancellationToken).ConfigureAwait(false);
                }

                exported += allowed.Count;
                progress?.Report(exported);
            }
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ContactExport(exported, withheld, request.Purpose!);
    }
}
