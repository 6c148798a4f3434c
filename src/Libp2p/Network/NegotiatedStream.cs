namespace Rapport.Libp2p.Network;

/// <summary>A stream on which both sides agreed to speak <see cref="Protocol"/>.</summary>
public sealed record NegotiatedStream(Stream Stream, string Protocol);
