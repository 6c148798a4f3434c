using System.Buffers.Binary;
using System.Net;
using Rapport.Libp2p.Identity;

namespace Rapport.Libp2p.Addressing;

/// <summary>One /protocol/value segment of a multiaddr, holding the value in its binary form.</summary>
public sealed class MultiaddrComponent : IEquatable<MultiaddrComponent>
{
    private readonly byte[] _value;

    internal MultiaddrComponent(MultiaddrProtocol protocol, byte[] value)
    {
        Protocol = protocol;
        _value = value;
    }

    public MultiaddrProtocol Protocol { get; }
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>The value in text form (empty for protocols without a value).</summary>
    public string ValueText => Protocol.Code switch
    {
        4 or 41 => new IPAddress(_value).ToString(),
        6 or 273 => BinaryPrimitives.ReadUInt16BigEndian(_value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        53 or 54 or 55 => System.Text.Encoding.UTF8.GetString(_value),
        421 => PeerId.FromBytes(_value).Value.ToString(),
        _ => string.Empty,
    };

    public override string ToString() => Protocol.Size == 0 ? "/" + Protocol.Name : $"/{Protocol.Name}/{ValueText}";

    public bool Equals(MultiaddrComponent? other) =>
        other is not null && Protocol.Code == other.Protocol.Code && _value.AsSpan().SequenceEqual(other._value);

    public override bool Equals(object? obj) => Equals(obj as MultiaddrComponent);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Protocol.Code);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }
}
