namespace Rapport.Application.Audit;

/// <summary>A filter over the audit log: entries at or after <paramref name="Since"/>, about <paramref name="ContactId"/>, at most <paramref name="Limit"/> (the latest ones).</summary>
public sealed record AuditQuery(DateTimeOffset? Since, string? ContactId, int Limit);
