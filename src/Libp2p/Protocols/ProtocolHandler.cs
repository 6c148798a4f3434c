namespace Rapport.Libp2p.Protocols;

/// <summary>Serves one inbound stream that negotiated the handler's protocol id.</summary>
public delegate Task ProtocolHandler(Stream stream, ProtocolContext context, CancellationToken ct);
