using Rapport.Application.Common;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Audit.Query;

public sealed record AuditLogQuery(DateTimeOffset? Since, ContactId? Contact, int Limit = 50)
{
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only entries older than this sequence number (a page further back).</summary>
    public long? BeforeSequence { get; init; }

    public string? Actor { get; init; }

    public string? ActionPrefix { get; init; }

    public AuditVerdict? Verdict { get; init; }
}

/// <summary>Lists audit entries, oldest first, filtered by time, contact, actor, action and decision; at most the latest <c>Limit</c>.</summary>
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
        var filter = new AuditQuery(query.Since, query.Contact?.ToString(), query.Limit)
        {
            Until = query.Until,
            BeforeSequence = query.BeforeSequence,
            Actor = string.IsNullOrWhiteSpace(query.Actor) ? null : query.Actor.Trim(),
            ActionPrefix = string.IsNullOrWhiteSpace(query.ActionPrefix) ? null : query.ActionPrefix.Trim(),
            Verdict = query.Verdict,
        };
        var entries = await work.Audit.QueryAsync(filter, cancellationToken).ConfigureAwait(false);
        return Result.Ok(entries);
    }
}
