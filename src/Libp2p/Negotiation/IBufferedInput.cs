namespace Rapport.Libp2p.Negotiation;

/// <summary>A stream that can tell whether its next read completes without waiting for the peer.</summary>
internal interface IBufferedInput
{
    bool HasBufferedInput { get; }
}
