using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Multiformats;

namespace Rapport.Libp2p.Addressing;

/// <summary>An immutable multiaddr: a sequence of protocol components with binary and text codecs.</summary>
public sealed class Multiaddr : IEquatable<Multiaddr>
{
    // Real addresses are well under 1 KiB; this bounds hostile input.
    public const int MaxLength = 1024;
    private const int MaxDnsName = 255;

    private readonly byte[] _bytes;

    private Multiaddr(IReadOnlyList<MultiaddrComponent> components, byte[] bytes)
    {
        Components = components;
        _bytes = bytes;
    }

    public IReadOnlyList<MultiaddrComponent> Components { get; }
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The peer id of the last /p2p component, if any.</summary>
    public PeerId? PeerId
    {
        get
        {
            for (var i = Components.Count - 1; i >= 0; i--)
            {
                if (Components[i].Protocol == MultiaddrProtocol.P2p)
                {
                    return Identity.PeerId.FromBytes(Components[i].Value).Value;
                }
            }

            return null;
        }
    }

    public static Multiaddr FromEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var ip = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var protocol = ip.AddressFamily == AddressFamily.InterNetwork ? "ip4" : "ip6";
        return Parse($"/{protocol}/{ip}/tcp/{endPoint.Port}").Value;
    }

    /// <summary>Returns this address ending in /p2p/<paramref name="peer"/> (replacing a trailing /p2p).</summary>
    public Multiaddr With(PeerId peer)
    {
        var components = Components.ToList();
        if (components.Count > 0 && components[^1].Protocol == MultiaddrProtocol.P2p)
        {
            components.RemoveAt(components.Count - 1);
        }

        components.Add(new MultiaddrComponent(MultiaddrProtocol.P2p, peer.Bytes.ToArray()));
        return FromComponents(components);
    }

    /// <summary>This address without any trailing /p2p component.</summary>
    public Multiaddr WithoutPeerId()
    {
        var components = Components.ToList();
        while (components.Count > 0 && components[^1].Protocol == MultiaddrProtocol.P2p)
        {
            components.RemoveAt(components.Count - 1);
        }

        return FromComponents(components);
    }

    /// <summary>The TCP endpoint of an /ip4|ip6|dns|dns4|dns6/…/tcp/… address.</summary>
    public Result<EndPoint> ToEndPoint()
    {
        if (Components.Count < 2 || Components[1].Protocol != MultiaddrProtocol.Tcp)
        {
            return new Error(MultiaddrErrors.NotTcp, $"'{this}' is not an /ip4, /ip6 or /dns address followed by /tcp");
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(Components[1].Value);
        var host = Components[0];
        return host.Protocol.Code switch
        {
            4 or 41 => new IPEndPoint(new IPAddress(host.Value), port),
            53 => new DnsEndPoint(host.ValueText, port, AddressFamily.Unspecified),
            54 => new DnsEndPoint(host.ValueText, port, AddressFamily.InterNetwork),
            55 => new DnsEndPoint(host.ValueText, port, AddressFamily.InterNetworkV6),
            _ => new Error(MultiaddrErrors.NotTcp, $"'{this}' does not start with /ip4, /ip6, /dns, /dns4 or /dns6"),
        };
    }

    public static Result<Multiaddr> Parse(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new Error(MultiaddrErrors.Empty, "multiaddr is empty");
        }

        if (text.Length > MaxLength * 4)
        {
            return new Error(MultiaddrErrors.TooLong, $"multiaddr text is longer than {MaxLength * 4} characters");
        }

        if (text[0] != '/')
        {
            return new Error(MultiaddrErrors.Syntax, "multiaddr must start with '/'");
        }

        var parts = text.Split('/');
        var components = new List<MultiaddrComponent>();
        // parts[0] is the empty string before the leading '/'; a trailing '/' is tolerated.
        var last = parts[^1].Length == 0 ? parts.Length - 1 : parts.Length;
        for (var i = 1; i < last; i++)
        {
            var protocol = MultiaddrProtocol.FromName(parts[i]);
            if (protocol is null)
            {
                return new Error(MultiaddrErrors.Protocol, $"unknown multiaddr protocol '{parts[i]}'");
            }

            if (protocol.Size == 0)
            {
                components.Add(new MultiaddrComponent(protocol, []));
                continue;
            }

            if (++i >= last)
            {
                return new Error(MultiaddrErrors.Syntax, $"/{protocol.Name} needs a value");
            }

            var value = ParseValue(protocol, parts[i]);
            if (value.IsFailure)
            {
                return value.Error;
            }

            components.Add(new MultiaddrComponent(protocol, value.Value));
        }

        if (components.Count == 0)
        {
            return new Error(MultiaddrErrors.Empty, "multiaddr has no components");
        }

        return FromComponents(components);
    }

    public static Result<Multiaddr> TryDecode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return new Error(MultiaddrErrors.Empty, "multiaddr bytes are empty");
        }

        if (bytes.Length > MaxLength)
        {
            return new Error(MultiaddrErrors.TooLong, $"multiaddr of {bytes.Length} bytes exceeds {MaxLength}");
        }

        var components = new List<MultiaddrComponent>();
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            var code = UnsignedVarint.Decode(rest);
            if (code.IsFailure)
            {
                return new Error(MultiaddrErrors.Binary, $"protocol code: {code.Error.Message}");
            }

            rest = rest[code.Value.Length..];
            var protocol = MultiaddrProtocol.FromCode(code.Value.Value);
            if (protocol is null)
            {
                return new Error(MultiaddrErrors.Protocol, $"unknown multiaddr protocol code {code.Value.Value}");
            }

            int size;
            if (protocol.Size == MultiaddrProtocol.VariableSize)
            {
                var length = UnsignedVarint.Decode(rest);
                if (length.IsFailure)
                {
                    return new Error(MultiaddrErrors.Binary, $"/{protocol.Name} value length: {length.Error.Message}");
                }

                if (length.Value.Value > (ulong)rest.Length)
                {
                    return new Error(MultiaddrErrors.Truncated, $"/{protocol.Name} value claims {length.Value.Value} bytes, {rest.Length - length.Value.Length} present");
                }

                rest = rest[length.Value.Length..];
                size = (int)length.Value.Value;
            }
            else
            {
                size = protocol.Size / 8;
            }

            if (rest.Length < size)
            {
                return new Error(MultiaddrErrors.Truncated, $"/{protocol.Name} value needs {size} bytes, {rest.Length} present");
            }

            var value = rest[..size];
            var check = ValidateBinary(protocol, value);
            if (check is not null)
            {
                return check;
            }

            components.Add(new MultiaddrComponent(protocol, value.ToArray()));
            rest = rest[size..];
        }

        return FromComponents(components);
    }

    private static Error? ValidateBinary(MultiaddrProtocol protocol, ReadOnlySpan<byte> value)
    {
        switch (protocol.Code)
        {
            case 53 or 54 or 55:
                if (value.IsEmpty || value.Length > MaxDnsName)
                {
                    return new Error(MultiaddrErrors.Value, $"/{protocol.Name} name must be 1..{MaxDnsName} bytes");
                }

                if (!IsValidDnsName(value))
                {
                    return new Error(MultiaddrErrors.Value, $"/{protocol.Name} name contains characters not allowed in a host name");
                }

                return null;
            case 421:
                var peer = Identity.PeerId.FromBytes(value);
                return peer.IsFailure ? new Error(MultiaddrErrors.Value, $"/p2p value: {peer.Error.Message}") : null;
            default:
                return null;
        }
    }

    private static bool IsValidDnsName(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            var ok = b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static Result<byte[]> ParseValue(MultiaddrProtocol protocol, string text)
    {
        switch (protocol.Code)
        {
            case 4:
                if (!IPAddress.TryParse(text, out var ip4) || ip4.AddressFamily != AddressFamily.InterNetwork || ip4.ToString() != text)
                {
                    return new Error(MultiaddrErrors.Value, $"'{text}' is not an IPv4 address");
                }

                return ip4.GetAddressBytes();
            case 41:
                if (!IPAddress.TryParse(text, out var ip6) || ip6.AddressFamily != AddressFamily.InterNetworkV6 || ip6.ScopeId != 0 || text.Contains('%', StringComparison.Ordinal))
                {
                    return new Error(MultiaddrErrors.Value, $"'{text}' is not an IPv6 address");
                }

                return ip6.GetAddressBytes();
            case 6 or 273:
                if (!ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port.ToString(CultureInfo.InvariantCulture) != text)
                {
                    return new Error(MultiaddrErrors.Value, $"'{text}' is not a port number (0-65535)");
                }

                var bytes = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(bytes, port);
                return bytes;
            case 53 or 54 or 55:
                var name = System.Text.Encoding.UTF8.GetBytes(text);
                var error = ValidateBinary(protocol, name);
                return error is null ? name : error;
            case 421:
                var peer = Identity.PeerId.Parse(text);
                return peer.IsFailure ? new Error(MultiaddrErrors.Value, $"/p2p value: {peer.Error.Message}") : peer.Value.Bytes.ToArray();
            default:
                throw new InvalidOperationException($"no text codec for /{protocol.Name}");
        }
    }

    private static Multiaddr FromComponents(IReadOnlyList<MultiaddrComponent> components)
    {
        using var buffer = new MemoryStream();
        Span<byte> varint = stackalloc byte[UnsignedVarint.MaxBytes];
        foreach (var c in components)
        {
            buffer.Write(varint[..UnsignedVarint.Encode((ulong)c.Protocol.Code, varint)]);
            if (c.Protocol.Size == MultiaddrProtocol.VariableSize)
            {
                buffer.Write(varint[..UnsignedVarint.Encode((ulong)c.Value.Length, varint)]);
            }

            buffer.Write(c.Value);
        }

        return new Multiaddr(components.ToArray(), buffer.ToArray());
    }

    public override string ToString() => string.Concat(Components.Select(c => c.ToString()));

    public bool Equals(Multiaddr? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as Multiaddr);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public static bool operator ==(Multiaddr? left, Multiaddr? right) => left?.Equals(right) ?? right is null;
    public static bool operator !=(Multiaddr? left, Multiaddr? right) => !(left == right);
}
