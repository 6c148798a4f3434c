namespace Rapport.Application.Consent.Health;

/// <summary>How many policy decisions denied a use of personal data on one day (UTC).</summary>
public sealed record DenialsOnDay(DateOnly Day, int Denials);
