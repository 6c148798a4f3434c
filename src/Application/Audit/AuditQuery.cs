namespace Rapport.Application.Audit;

/// <summary>
/// A filter over the audit log: entries at or after <paramref name="Since"/>, about <paramref name="ContactId"/>, at most
/// <paramref name="Limit"/> (the latest ones); optionally before <see cref="Until"/> or <see cref="BeforeSequence"/>, by <see cref="Actor"/>, whose
/// action starts with <see cref="ActionPrefix"/>, and holding a policy decision with <see cref="Verdict"/>.
/// </summary>
public sealed record AuditQuery(DateTimeOffset? Since, string? ContactId, int Limit)
{
    public DateTimeOffset? Until { get; init; }

    /// <summary>Entries older than the one with this sequence number: the next page back, exact even when many entries share an instant.</summary>
    public long? BeforeSequence { get; init; }

    public string? Actor { get; init; }

    /// <summary>"policy." finds every policy decision; "contact.created" exactly that action.</summary>
    public string? ActionPrefix { get; init; }

    /// <summary>Entries holding at least one decision with this verdict (single or in a bulk entry).</summary>
    public AuditVerdict? Verdict { get; init; }
}
