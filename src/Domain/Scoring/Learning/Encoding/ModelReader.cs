using System.Buffers.Binary;
using System.Text;

namespace Rapport.Domain.Scoring.Learning.Encoding;

/// <summary>
/// Reads what <see cref="ModelWriter"/> wrote. Every read is bounded by the bytes left: a truncated or corrupt model
/// throws <see cref="FormatException"/>, which the codec turns into an error.
/// </summary>
internal ref struct ModelReader(ReadOnlySpan<byte> bytes)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private ReadOnlySpan<byte> _rest = bytes;

    public readonly bool AtEnd => _rest.IsEmpty;

    public byte U8() => Take(1)[0];

    public int I32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public float F32() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double F64() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A count of items each at least <paramref name="minItemSize"/> bytes long, checked against the bytes left.</summary>
    public int Count(int minItemSize)
    {
        var count = I32();
        if (count < 0 || (long)count * minItemSize > _rest.Length)
        {
            throw new FormatException($"a count of {count} does not fit in the {_rest.Length} bytes left");
        }

        return count;
    }

    public string Text()
    {
        var length = Count(1);
        try
        {
            return StrictUtf8.GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("a name is not UTF-8");
        }
    }

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length > _rest.Length)
        {
            throw new FormatException($"needs {length} more bytes, {_rest.Length} left");
        }

        var taken = _rest[..length];
        _rest = _rest[length..];
        return taken;
    }
}
