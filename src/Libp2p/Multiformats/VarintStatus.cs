namespace Rapport.Libp2p.Multiformats;

/// <summary>Outcome of decoding an unsigned varint from a buffer that may hold only part of it.</summary>
public enum VarintStatus
{
    Ok,
    NeedMoreData,
    Overflow,
    NotMinimal,
}
