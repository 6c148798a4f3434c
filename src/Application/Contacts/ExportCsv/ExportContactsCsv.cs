using Rapport.Application.Common;
using Rapport.Application.Contacts.Csv;
using Rapport.Domain.Common;

namespace Rapport.Application.Contacts;

/// <summary>Writes every contact as CSV (the same columns <see cref="ImportContactsCsv"/> reads), streaming.</summary>
public sealed class ExportContactsCsv(IUnitOfWorkFactory unitOfWork)
{
    public async Task<Result<int>> ExecuteAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new CsvWriter(output);
        await writer.WriteAsync(ContactCsvColumns.All, cancellationToken).ConfigureAwait(false);
        var count = 0;
        await using var uow = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var contact in uow.Contacts.StreamAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(ContactCsvColumns.Row(contact), cancellationToken).ConfigureAwait(false);
            count++;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }
}
