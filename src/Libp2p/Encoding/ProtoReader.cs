using Rapport.Libp2p.Multiformats;
namespace Rapport.Libp2p.Encoding;

/// <summary>
/// Minimal protobuf wire reader for the few small libp2p messages we decode by hand.
/// Supports varint (0), 64-bit (1), length-delimited (2) and 32-bit (5) wire types; anything else is an error.
/// </summary>
internal ref struct ProtoReader
{
    private ReadOnlySpan<byte> _rest;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _rest = data;
        Error = null;
    }

    /// <summary>Why reading stopped, when it stopped on malformed input.</summary>
    public string? Error { get; private set; }

    public bool TryRead(out ProtoField field)
    {
        field = default;
        if (_rest.IsEmpty)
        {
            return false;
        }

        if (UnsignedVarint.TryDecode(_rest, out var tag, out var n) != VarintStatus.Ok)
        {
            return Fail("malformed field tag");
        }

        _rest = _rest[n..];
        var number = tag >> 3;
        var wireType = (int)(tag & 7);
        if (number is 0 or > int.MaxValue >> 3)
        {
            return Fail($"invalid field number {number}");
        }

        switch (wireType)
        {
            case 0:
                if (UnsignedVarint.TryDecode(_rest, out var v, out n) != VarintStatus.Ok)
                {
                    // Protobuf varints may use 10 bytes for 64-bit values; we never need those.
                    return Fail($"malformed varint in field {number}");
                }

                _rest = _rest[n..];
                field = new ProtoField((int)number, 0, v, default);
                return true;
            case 1:
            case 5:
                var size = wireType == 1 ? 8 : 4;
                if (_rest.Length < size)
                {
                    return Fail($"truncated fixed-size field {number}");
                }

                field = new ProtoField((int)number, wireType, 0, _rest[..size]);
                _rest = _rest[size..];
                return true;
            case 2:
                if (UnsignedVarint.TryDecode(_rest, out var len, out n) != VarintStatus.Ok)
                {
                    return Fail($"malformed length of field {number}");
                }

                _rest = _rest[n..];
                if (len > (ulong)_rest.Length)
                {
                    return Fail($"field {number} claims {len} bytes but only {_rest.Length} remain");
                }

                field = new ProtoField((int)number, 2, 0, _rest[..(int)len]);
                _rest = _rest[(int)len..];
                return true;
            default:
                return Fail($"unsupported wire type {wireType} in field {number}");
        }
    }

    private bool Fail(string message)
    {
        Error = message;
        _rest = default;
        return false;
    }
}
