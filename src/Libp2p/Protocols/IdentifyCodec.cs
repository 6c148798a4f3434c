using System.Text;
using Rapport.Libp2p.Network;

namespace Rapport.Libp2p.Protocols;

/// <summary>
/// Protobuf (proto2) encoding of <see cref="IdentifyMessage"/>, written by hand so malformed input is reported
/// precisely. Unknown fields are skipped for forward compatibility; anything structurally wrong is an error.
/// </summary>
public static class IdentifyCodec
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Encode(IdentifyMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var output = new MemoryStream();
        WriteBytes(output, 1, message.PublicKey);
        foreach (var address in message.ListenAddrs)
        {
            WriteBytes(output, 2, address);
        }

        foreach (var protocol in message.Protocols)
        {
            WriteBytes(output, 3, StrictUtf8.GetBytes(protocol));
        }

        WriteBytes(output, 4, message.ObservedAddr);
        WriteBytes(output, 5, message.ProtocolVersion is null ? null : StrictUtf8.GetBytes(message.ProtocolVersion));
        WriteBytes(output, 6, message.AgentVersion is null ? null : StrictUtf8.GetBytes(message.AgentVersion));
        WriteBytes(output, 8, message.SignedPeerRecord);
        return output.ToArray();
    }

    public static Result<IdentifyMessage> Decode(ReadOnlySpan<byte> bytes)
    {
        byte[]? publicKey = null;
        byte[]? observed = null;
        byte[]? signedPeerRecord = null;
        string? protocolVersion = null;
        string? agentVersion = null;
        var listenAddrs = new List<byte[]>();
        var protocols = new List<string>();

        var position = 0;
        while (position < bytes.Length)
        {
            if (!TryReadVarint(bytes, ref position, out var key) || key > uint.MaxValue)
            {
                return Fail("malformed field key");
            }

            var field = key >> 3;
            var wire = (int)(key & 7);
            if (field == 0)
            {
                return Fail("field number 0 is not allowed");
            }

            var known = field is >= 1 and <= 6 or 8;
            if (known && wire != WireLengthDelimited)
            {
                return Fail($"field {field} has wire type {wire}, expected length-delimited");
            }

            switch (wire)
            {
                case WireVarint:
                    if (!TryReadVarint(bytes, ref position, out _))
                    {
                        return Fail($"malformed varint in field {field}");
                    }

                    continue;
                case WireFixed64 or WireFixed32:
                    var size = wire == WireFixed64 ? 8 : 4;
                    if (bytes.Length - position < size)
                    {
                        return Fail($"field {field} is truncated");
                    }

                    position += size;
                    continue;
                case WireLengthDelimited:
                    break;
                default:
                    return Fail($"unsupported wire type {wire} in field {field}");
            }

            if (!TryReadVarint(bytes, ref position, out var length) || length > (ulong)(bytes.Length - position))
            {
                return Fail($"length of field {field} runs past the end of the message");
            }

            var value = bytes.Slice(position, (int)length);
            position += (int)length;
            switch (field)
            {
                case 1:
                    publicKey = value.ToArray();
                    break;
                case 2:
                    listenAddrs.Add(value.ToArray());
                    break;
                case 3:
                    if (!TryUtf8(value, out var protocol))
                    {
                        return Fail("a protocol id is not valid UTF-8");
                    }

                    protocols.Add(protocol);
                    break;
                case 4:
                    observed = value.ToArray();
                    break;
                case 5:
                    if (!TryUtf8(value, out protocolVersion))
                    {
                        return Fail("protocolVersion is not valid UTF-8");
                    }

                    break;
                case 6:
                    if (!TryUtf8(value, out agentVersion))
                    {
                        return Fail("agentVersion is not valid UTF-8");
                    }

                    break;
                case 8:
                    signedPeerRecord = value.ToArray();
                    break;
                default:
                    break;
            }
        }

        return new IdentifyMessage
        {
            PublicKey = publicKey,
            ListenAddrs = listenAddrs,
            Protocols = protocols,
            ObservedAddr = observed,
            ProtocolVersion = protocolVersion,
            AgentVersion = agentVersion,
            SignedPeerRecord = signedPeerRecord,
        };
    }

    private static Error Fail(string message) => new(NetworkErrors.IdentifyMalformed, $"malformed identify message: {message}");

    private static bool TryUtf8(ReadOnlySpan<byte> value, out string text)
    {
        if (!System.Text.Unicode.Utf8.IsValid(value))
        {
            text = string.Empty;
            return false;
        }

        text = StrictUtf8.GetString(value);
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var i = 0; i < 10; i++)
        {
            if (position >= bytes.Length)
            {
                return false;
            }

            var b = bytes[position++];
            if (i == 9 && b > 1)
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteBytes(Stream output, int field, byte[]? value)
    {
        if (value is null)
        {
            return;
        }

        Span<byte> prefix = stackalloc byte[20];
        var n = LengthPrefix.Write(prefix, (ulong)((field << 3) | WireLengthDelimited));
        n += LengthPrefix.Write(prefix[n..], (ulong)value.Length);
        output.Write(prefix[..n]);
        output.Write(value);
    }
}
