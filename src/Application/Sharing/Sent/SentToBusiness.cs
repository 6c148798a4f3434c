namespace Rapport.Application.Sharing.Sent;

/// <summary>What this customer node's sync has sent one business: every field name ever sent, the interactions, and when.</summary>
public sealed record SentToBusiness(string BusinessPeerId, IReadOnlySet<string> Fields, int Interactions, DateTimeOffset First, DateTimeOffset Last);
