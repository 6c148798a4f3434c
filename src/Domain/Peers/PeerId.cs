using Rapport.Domain.Common;
using Rapport.Domain.Peers.Encoding;

namespace Rapport.Domain.Peers;

/// <summary>
/// A libp2p peer id (libp2p specs, "Peer Ids and Keys"): the multihash of the peer's public key — the encoded key itself
/// (identity multihash) when that is at most 42 bytes, as an Ed25519 key is, else its SHA-256 — written in base58btc
/// (<c>12D3KooW…</c>, <c>Qm…</c>) or as a CIDv1 with the libp2p-key codec (<c>bafz…</c>). The node's one parser of peer
/// ids: contacts, grants, requests, shared records and the networking adapter all read text through
/// <see cref="Parse"/>; the adapter adds what needs cryptography (deriving an id from a key, checking a key against it).
/// Equal ids have equal <see cref="Value"/>, the canonical base58btc text.
/// </summary>
public sealed class PeerId : IEquatable<PeerId>
{
    /// <summary>The longest encoded key kept inline (identity multihash); longer keys are hashed.</summary>
    public const int MaxInlineKeyLength = 42;

    /// <summary>Longer text is refused before decoding (a CID of a SHA-256 multihash is 59 characters).</summary>
    public const int MaxTextLength = 128;

    private readonly byte[] _bytes;

    private PeerId(string value, byte[] bytes) => (Value, _bytes) = (value, bytes);

    /// <summary>The canonical text: base58btc of the multihash.</summary>
    public string Value { get; }

    /// <summary>The multihash bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Reads a peer id in base58btc or CIDv1 (libp2p-key) text; <paramref name="field"/> names it in errors.</summary>
    public static Result<PeerId> Parse(string? text, string field = "peer_id")
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return new Error(PeerErrors.PeerIdEmpty, "a peer id is required", field);
        }

        if (trimmed.Length > MaxTextLength)
        {
            return Invalid($"'{Shorten(trimmed)}' is longer than any peer id ({MaxTextLength} characters at most)", field);
        }

        if (trimmed[0] is '1' or 'Q')
        {
            var bytes = Base58Btc.Decode(trimmed);
            return bytes.IsFailure
                ? Invalid($"'{Shorten(trimmed)}' is not base58btc: {bytes.Error.Message}", field)
                : FromMultihash(bytes.Value, field);
        }

        var cid = Cid.Parse(trimmed);
        if (cid.IsFailure)
        {
            return Invalid($"'{Shorten(trimmed)}' is not a peer id (base58btc 12D3KooW…/Qm…, or a CIDv1 bafz…): {cid.Error.Message}", field);
        }

        return cid.Value.Codec == Cid.Libp2pKeyCodec
            ? FromMultihash(cid.Value.Hash.Bytes, field)
            : Invalid($"'{Shorten(trimmed)}' is a CID of codec 0x{cid.Value.Codec:x}, not of a libp2p key (0x72)", field);
    }

    /// <summary>A peer id from its multihash bytes: an identity multihash of at most 42 bytes or a SHA-256 one.</summary>
    public static Result<PeerId> FromMultihash(ReadOnlySpan<byte> bytes, string field = "peer_id")
    {
        var hash = Multihash.Decode(bytes);
        if (hash.IsFailure)
        {
            return Invalid($"not a multihash: {hash.Error.Message}", field);
        }

        var digest = hash.Value.Digest.Length;
        return hash.Value.Code switch
        {
            Multihash.IdentityCode when digest is > 0 and <= MaxInlineKeyLength => new PeerId(Base58Btc.Encode(bytes), bytes.ToArray()),
            Multihash.IdentityCode => Invalid($"an identity peer id holds 1..{MaxInlineKeyLength} key bytes, not {digest}", field),
            Multihash.Sha2_256Code when digest == 32 => new PeerId(Base58Btc.Encode(bytes), bytes.ToArray()),
            _ => Invalid($"multihash code 0x{hash.Value.Code:x} with {digest} bytes is neither an inline key nor a SHA-256", field),
        };
    }

    /// <summary>The id as a CIDv1 (libp2p-key codec, base32): the form libp2p also accepts.</summary>
    public string ToCidString() => new Cid(Cid.Libp2pKeyCodec, Multihash.Decode(_bytes).Value).ToString();

    public bool Equals(PeerId? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as PeerId);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public static bool operator ==(PeerId? left, PeerId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(PeerId? left, PeerId? right) => !(left == right);

    public override string ToString() => Value;

    private static Error Invalid(string message, string field) => new(PeerErrors.PeerIdInvalid, message, field);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
