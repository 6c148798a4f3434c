namespace Rapport.Application.Sharing.Refusals;

/// <summary>Refusals of one peer, protocol and code that were counted but not yet written to the audit log.</summary>
internal sealed record SuppressedRefusals(string Peer, string Protocol, string Code, long Count);
