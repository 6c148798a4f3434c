using Rapport.Libp2p.Multiformats;
namespace Rapport.Libp2p.Encoding;

/// <summary>Deterministic protobuf writer: callers add fields in field-number order.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public ProtoWriter WriteVarintField(int number, ulong value)
    {
        WriteVarint(((ulong)number << 3) | 0);
        WriteVarint(value);
        return this;
    }

    public ProtoWriter WriteBytesField(int number, ReadOnlySpan<byte> value)
    {
        WriteVarint(((ulong)number << 3) | 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter WriteStringField(int number, string value) =>
        WriteBytesField(number, System.Text.Encoding.UTF8.GetBytes(value));

    public byte[] ToArray() => _buffer.ToArray();

    private void WriteVarint(ulong value)
    {
        Span<byte> tmp = stackalloc byte[UnsignedVarint.MaxBytes];
        _buffer.Write(tmp[..UnsignedVarint.Encode(value, tmp)]);
    }
}
