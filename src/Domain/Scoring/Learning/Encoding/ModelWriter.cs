using System.Buffers;
using System.Buffers.Binary;

namespace Rapport.Domain.Scoring.Learning.Encoding;

/// <summary>Little-endian, length-prefixed writing for the model format (<see cref="LearnedModelCodec"/>).</summary>
internal sealed class ModelWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public void U8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void I32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void F32(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void F64(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Text(string value)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        I32(length);
        System.Text.Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    public void Raw(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
