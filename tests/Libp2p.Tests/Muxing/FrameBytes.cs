using Rapport.Libp2p.Muxing;

namespace Rapport.Libp2p.Tests.Muxing;

internal static class FrameBytes
{
    public static byte[] Frame(YamuxFrameType type, YamuxFlags flags, uint id, uint length, int payload = 0)
    {
        var bytes = new byte[YamuxHeader.Size + payload];
        new YamuxHeader(type, flags, id, length).WriteTo(bytes);
        return bytes;
    }

    public static byte[] Data(YamuxFlags flags, uint id, int payload) => Frame(YamuxFrameType.Data, flags, id, (uint)payload, payload);
}
