
namespace Rapport.Libp2p.Addressing;

/// <summary>Why a multiaddr does not parse (docs/errors.md).</summary>
public static class MultiaddrErrors
{
    public static readonly ErrorCode Empty = new("MULTIADDR_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode TooLong = new("MULTIADDR_TOO_LONG", ErrorKind.Invalid);
    public static readonly ErrorCode Syntax = new("MULTIADDR_SYNTAX", ErrorKind.Invalid);
    public static readonly ErrorCode Protocol = new("MULTIADDR_PROTOCOL", ErrorKind.Invalid);
    public static readonly ErrorCode Binary = new("MULTIADDR_BINARY", ErrorKind.Invalid);
    public static readonly ErrorCode Truncated = new("MULTIADDR_TRUNCATED", ErrorKind.Invalid);
    public static readonly ErrorCode Value = new("MULTIADDR_VALUE", ErrorKind.Invalid);
    public static readonly ErrorCode NotTcp = new("MULTIADDR_NOT_TCP", ErrorKind.Invalid);
}
