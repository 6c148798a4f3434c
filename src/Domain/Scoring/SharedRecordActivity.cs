namespace Rapport.Domain.Scoring;

/// <summary>When each side last wrote to the shared record of a relationship (null: never), from its version vector.</summary>
public sealed record SharedRecordActivity(DateTimeOffset? BusinessLastWrite, DateTimeOffset? CustomerLastWrite);
