namespace Rapport.Domain.Pipeline;

/// <summary>A deal entered <paramref name="Stage"/> at <paramref name="EnteredAt"/>.</summary>
public sealed record StageEntry(string Stage, DateTimeOffset EnteredAt);
