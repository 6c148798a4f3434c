namespace Rapport.Libp2p.Encoding;

/// <summary>One decoded protobuf field: varint fields fill <see cref="Varint"/>, length-delimited ones <see cref="Bytes"/>.</summary>
internal readonly ref struct ProtoField
{
    public ProtoField(int number, int wireType, ulong varint, ReadOnlySpan<byte> bytes)
    {
        Number = number;
        WireType = wireType;
        Varint = varint;
        Bytes = bytes;
    }

    public int Number { get; }
    public int WireType { get; }
    public ulong Varint { get; }
    public ReadOnlySpan<byte> Bytes { get; }
}
