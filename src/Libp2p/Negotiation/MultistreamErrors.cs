
namespace Rapport.Libp2p.Negotiation;

/// <summary>Why multistream-select with a peer failed (docs/errors.md).</summary>
public static class MultistreamErrors
{
    public static readonly ErrorCode Header = new("MULTISTREAM_HEADER", ErrorKind.Unavailable);
    public static readonly ErrorCode Unexpected = new("MULTISTREAM_UNEXPECTED", ErrorKind.Unavailable);
    public static readonly ErrorCode Unsupported = new("MULTISTREAM_UNSUPPORTED", ErrorKind.Unavailable);
    public static readonly ErrorCode Attempts = new("MULTISTREAM_ATTEMPTS", ErrorKind.Unavailable);
    public static readonly ErrorCode Framing = new("MULTISTREAM_FRAMING", ErrorKind.Unavailable);
    public static readonly ErrorCode Utf8 = new("MULTISTREAM_UTF8", ErrorKind.Unavailable);
    public static readonly ErrorCode Cancelled = new("MULTISTREAM_CANCELLED", ErrorKind.Unavailable);
    public static readonly ErrorCode Eof = new("MULTISTREAM_EOF", ErrorKind.Unavailable);
    public static readonly ErrorCode Io = new("MULTISTREAM_IO", ErrorKind.Unavailable);

    /// <summary>Whether the error is one of multistream's (the negotiation failed, not what it negotiated).</summary>
    public static bool Includes(ErrorCode code) => All.Contains(code);

    private static readonly HashSet<ErrorCode> All = [Header, Unexpected, Unsupported, Attempts, Framing, Utf8, Cancelled, Eof, Io];
}
