namespace Rapport.Libp2p.Security;

/// <summary>
/// The multistream-select negotiation of a security protocol, pipelined into its handshake: the dialer's
/// <paramref name="Proposal"/> (multistream header and the protocol id) may leave in the same write as the handshake's
/// first message, and <paramref name="ReadAnswerAsync"/> consumes the listener's answer before the handshake reads
/// anything else. Saves a round trip and a write on each side; a protocol that cannot pipeline sends the proposal and
/// reads the answer first.
/// </summary>
public sealed record SecurityNegotiation(byte[] Proposal, Func<Stream, CancellationToken, Task<Result<string>>> ReadAnswerAsync);
