
namespace Rapport.Libp2p.Security;

/// <summary>
/// The security negotiation pipelined into the handshake: the initiator's <paramref name="Proposal"/> (multistream
/// header and <c>/noise</c>) leaves in the same write as Noise message 1, and <paramref name="ReadAnswerAsync"/>
/// consumes the responder's answer before message 2 is read. Saves a round trip and a write on each side.
/// </summary>
internal sealed record NoiseOpening(byte[] Proposal, Func<Stream, CancellationToken, Task<Result<string>>> ReadAnswerAsync);
