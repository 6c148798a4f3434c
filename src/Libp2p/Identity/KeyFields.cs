using Rapport.Libp2p.Encoding;

namespace Rapport.Libp2p.Identity;

/// <summary>Strict decoder shared by the PublicKey and PrivateKey messages (same shape).</summary>
internal static class KeyFields
{
    public static Result<(KeyType Type, byte[] Data)> Decode(ReadOnlySpan<byte> protobuf, string what, int maxData)
    {
        var reader = new ProtoReader(protobuf);
        KeyType? type = null;
        byte[]? data = null;
        while (reader.TryRead(out var field))
        {
            switch (field.Number)
            {
                case 1 when field.WireType == 0 && type is null && data is null:
                    if (field.Varint > (ulong)KeyType.Ecdsa)
                    {
                        return new Error(IdentityErrors.KeyType, $"{what}: unknown key type {field.Varint}");
                    }

                    type = (KeyType)field.Varint;
                    break;
                case 2 when field.WireType == 2 && type is not null && data is null:
                    if (field.Bytes.Length > maxData)
                    {
                        return new Error(IdentityErrors.KeyInvalid, $"{what}: key data of {field.Bytes.Length} bytes exceeds {maxData}");
                    }

                    data = field.Bytes.ToArray();
                    break;
                default:
                    return new Error(IdentityErrors.KeyInvalid, $"{what}: unexpected field {field.Number} (wire type {field.WireType}); expected Type=1 then Data=2");
            }
        }

        if (reader.Error is not null)
        {
            return new Error(IdentityErrors.KeyInvalid, $"{what}: {reader.Error}");
        }

        if (type is null || data is null)
        {
            return new Error(IdentityErrors.KeyInvalid, $"{what}: missing {(type is null ? "Type" : "Data")} field");
        }

        return (type.Value, data);
    }
}
