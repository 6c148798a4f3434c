namespace Rapport.Libp2p.Protocols;

/// <summary>
/// Who is on the other end of a protocol stream: the remote peer id (its text form) and the connection's
/// multiaddrs in text form (null when the transport has none).
/// </summary>
public sealed record ProtocolContext(string RemotePeerId, string? RemoteAddress, string? LocalAddress);
