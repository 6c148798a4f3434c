
namespace Rapport.Libp2p.Multiformats;

/// <summary>Why bytes or text in one of libp2p's encodings do not decode (docs/errors.md).</summary>
public static class EncodingErrors
{
    public static readonly ErrorCode VarintTruncated = new("VARINT_TRUNCATED", ErrorKind.Invalid);
    public static readonly ErrorCode VarintOverflow = new("VARINT_OVERFLOW", ErrorKind.Invalid);
    public static readonly ErrorCode VarintNotMinimal = new("VARINT_NOT_MINIMAL", ErrorKind.Invalid);

    /// <summary>The stream ended before or inside a varint.</summary>
    public static readonly ErrorCode VarintEof = new("VARINT_EOF", ErrorKind.Unavailable);

    public static readonly ErrorCode Base32Length = new("BASE32_LENGTH", ErrorKind.Invalid);
    public static readonly ErrorCode Base32InvalidChar = new("BASE32_INVALID_CHAR", ErrorKind.Invalid);
    public static readonly ErrorCode Base32PaddingBits = new("BASE32_PADDING_BITS", ErrorKind.Invalid);
    public static readonly ErrorCode Base58TooLong = new("BASE58_TOO_LONG", ErrorKind.Invalid);
    public static readonly ErrorCode Base58InvalidChar = new("BASE58_INVALID_CHAR", ErrorKind.Invalid);
    public static readonly ErrorCode MultihashCode = new("MULTIHASH_CODE", ErrorKind.Invalid);
    public static readonly ErrorCode MultihashLength = new("MULTIHASH_LENGTH", ErrorKind.Invalid);
    public static readonly ErrorCode MultihashTruncated = new("MULTIHASH_TRUNCATED", ErrorKind.Invalid);
    public static readonly ErrorCode MultihashTrailing = new("MULTIHASH_TRAILING", ErrorKind.Invalid);
    public static readonly ErrorCode MultihashUnsupported = new("MULTIHASH_UNSUPPORTED", ErrorKind.Invalid);
    public static readonly ErrorCode CidEmpty = new("CID_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode CidMultibase = new("CID_MULTIBASE", ErrorKind.Invalid);
    public static readonly ErrorCode CidVersion = new("CID_VERSION", ErrorKind.Invalid);
    public static readonly ErrorCode CidCodec = new("CID_CODEC", ErrorKind.Invalid);
}
