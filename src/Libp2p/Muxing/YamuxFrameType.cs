namespace Rapport.Libp2p.Muxing;

/// <summary>The four frame types of yamux; the meaning of the header's length field depends on it.</summary>
public enum YamuxFrameType : byte
{
    Data = 0,
    WindowUpdate = 1,
    Ping = 2,
    GoAway = 3,
}
