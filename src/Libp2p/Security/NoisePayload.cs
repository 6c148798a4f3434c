using Rapport.Libp2p.Encoding;

namespace Rapport.Libp2p.Security;

/// <summary>
/// The libp2p Noise handshake payload:
/// <c>NoiseHandshakePayload { bytes identity_key = 1; bytes identity_sig = 2; NoiseExtensions extensions = 4; }</c>,
/// <c>NoiseExtensions { repeated bytes webtransport_certhashes = 1; repeated string stream_muxers = 2; }</c>.
/// </summary>
internal sealed record NoisePayload(byte[] IdentityKey, byte[] IdentitySignature, IReadOnlyList<string> StreamMuxers)
{
    public static ReadOnlySpan<byte> SignaturePrefix => "noise-libp2p-static-key:"u8;

    public byte[] Encode()
    {
        var writer = new ProtoWriter().WriteBytesField(1, IdentityKey).WriteBytesField(2, IdentitySignature);
        if (StreamMuxers.Count > 0)
        {
            var extensions = new ProtoWriter();
            foreach (var muxer in StreamMuxers)
            {
                extensions.WriteStringField(2, muxer);
            }

            writer.WriteBytesField(4, extensions.ToArray());
        }

        return writer.ToArray();
    }

    public static Result<NoisePayload> Decode(ReadOnlySpan<byte> bytes)
    {
        byte[]? key = null;
        byte[]? signature = null;
        var muxers = new List<string>();
        var reader = new ProtoReader(bytes);
        while (reader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case 1 when field.WireType == 2:
                    key = field.Bytes.ToArray();
                    break;
                case 2 when field.WireType == 2:
                    signature = field.Bytes.ToArray();
                    break;
                case 4 when field.WireType == 2:
                    var ext = new ProtoReader(field.Bytes);
                    while (ext.TryRead(out var e))
                    {
                        if (e.Number == 2 && e.WireType == 2)
                        {
                            muxers.Add(System.Text.Encoding.UTF8.GetString(e.Bytes));
                        }
                    }

                    if (ext.Error is not null)
                    {
                        return new Error(NoiseErrors.Payload, $"handshake payload extensions: {ext.Error}");
                    }

                    break;
                default:
                    // Unknown fields are skipped so future extensions do not break the handshake.
                    break;
            }
        }

        if (reader.Error is not null)
        {
            return new Error(NoiseErrors.Payload, $"handshake payload: {reader.Error}");
        }

        if (key is null || signature is null)
        {
            return new Error(NoiseErrors.Payload, $"handshake payload lacks {(key is null ? "identity_key" : "identity_sig")}");
        }

        return new NoisePayload(key, signature, muxers);
    }
}
