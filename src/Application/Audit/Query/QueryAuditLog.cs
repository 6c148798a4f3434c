using Rapport.Application.Common;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Audit.Query;

public sealed record AuditLogQuery(DateTimeOffset? Since, ContactId? Contact, int Limit = 50);

/// <summary>Lists audit entries, oldest first, optionally since an instant and/or about one contact; at most the latest <c>Limit</c>.</summary>
public sealed class QueryAuditLog(IUnitOfWorkFactory unitOfWork)
{
    public const int MaxLimit = 10_000;

    public async Task<Result<IReadOnlyList<AuditEntry>>> ExecuteAsync(AuditLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MaxLimit)
        {
            return new Error(AuditErrors.LimitInvalid, $"limit must be between 1 and {MaxLimit}", "limit");
        }

        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var entries = await work.Audit.QueryAsync(new AuditQuery(query.Since, query.Contact?.ToString(), query.Limit), cancellationToken).ConfigureAwait(false);
        return Result.Ok(entries);
    }
}
