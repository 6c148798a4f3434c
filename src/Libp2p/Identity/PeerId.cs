using System.Diagnostics.CodeAnalysis;
using Rapport.Libp2p.Multiformats;

namespace Rapport.Libp2p.Identity;

/// <summary>
/// A libp2p peer id: the multihash of a protobuf-encoded public key (identity when it is at most
/// 42 bytes, sha2-256 otherwise). Text form: base58btc of the multihash.
/// </summary>
public readonly struct PeerId : IEquatable<PeerId>
{
    public const int MaxInlineKeyLength = 42;

    private readonly Multihash? _hash;

    private PeerId(Multihash hash) => _hash = hash;

    /// <summary>The multihash bytes (the binary peer id).</summary>
    public ReadOnlySpan<byte> Bytes => _hash is null ? ReadOnlySpan<byte>.Empty : _hash.Bytes;

    public Multihash Multihash => _hash ?? throw new InvalidOperationException("default(PeerId) is not a peer id");

    public static PeerId FromPublicKey(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var encoded = key.ToProtobuf();
        return new PeerId(encoded.Length <= MaxInlineKeyLength ? Multihash.Identity(encoded) : Multihash.Sha2_256(encoded));
    }

    /// <summary>Decodes binary peer id bytes (a multihash, as carried in /p2p multiaddrs).</summary>
    public static Result<PeerId> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var hash = Multihash.Decode(bytes);
        if (hash.IsFailure)
        {
            return new Error(IdentityErrors.PeerIdInvalid, $"peer id: {hash.Error.Message}");
        }

        return FromMultihash(hash.Value);
    }

    public static Result<PeerId> FromMultihash(Multihash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (hash.Code == Multihash.IdentityCode)
        {
            if (hash.Digest.Length > MaxInlineKeyLength)
            {
                return new Error(IdentityErrors.PeerIdInvalid, $"identity peer id holds {hash.Digest.Length} bytes; at most {MaxInlineKeyLength} are allowed");
            }

            var key = PublicKey.Decode(hash.Digest.Span);
            if (key.IsFailure)
            {
                return new Error(IdentityErrors.PeerIdInvalid, $"identity peer id does not hold a valid public key: {key.Error.Message}");
            }
        }

        return new PeerId(hash);
    }

    /// <summary>Longer text is refused before decoding (a CID of a SHA-256 multihash is 59 characters).</summary>
    public const int MaxTextLength = 128;

    /// <summary>
    /// Reads a peer id in base58btc (<c>12D3KooW…</c>, <c>Qm…</c>) or CIDv1 libp2p-key text (<c>b…</c>, <c>z…</c>), as
    /// the libp2p peer id spec allows, and checks that an inline key is a public key.
    /// </summary>
    public static Result<PeerId> Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return new Error(IdentityErrors.PeerIdEmpty, "a peer id is required");
        }

        if (trimmed.Length > MaxTextLength)
        {
            return Invalid($"'{Shorten(trimmed)}' is longer than any peer id ({MaxTextLength} characters at most)");
        }

        if (trimmed[0] is '1' or 'Q')
        {
            var bytes = Base58Btc.Decode(trimmed);
            return bytes.IsFailure ? Invalid($"'{Shorten(trimmed)}' is not base58btc: {bytes.Error.Message}") : FromBytes(bytes.Value);
        }

        var cid = Cid.Parse(trimmed);
        if (cid.IsFailure)
        {
            return Invalid($"'{Shorten(trimmed)}' is not a peer id (base58btc 12D3KooW…/Qm…, or a CIDv1 bafz…): {cid.Error.Message}");
        }

        return cid.Value.Codec == Cid.Libp2pKeyCodec
            ? FromMultihash(cid.Value.Hash)
            : Invalid($"'{Shorten(trimmed)}' is a CID of codec 0x{cid.Value.Codec:x}, not of a libp2p key (0x72)");
    }

    /// <summary>Recovers the public key of an identity-multihash peer id (Ed25519 ids).</summary>
    public bool TryGetPublicKey([NotNullWhen(true)] out PublicKey? key)
    {
        key = null;
        if (_hash is null || _hash.Code != Multihash.IdentityCode)
        {
            return false;
        }

        var decoded = PublicKey.Decode(_hash.Digest.Span);
        key = decoded.IsSuccess ? decoded.Value : null;
        return key is not null;
    }

    public bool Matches(PublicKey key) => Equals(FromPublicKey(key));

    /// <summary>The id as a CIDv1 (libp2p-key codec, base32): the form libp2p also accepts.</summary>
    public string ToCidString() => new Cid(Cid.Libp2pKeyCodec, Multihash).ToString();

    public override string ToString() => _hash is null ? string.Empty : Base58Btc.Encode(_hash.Bytes);

    public bool Equals(PeerId other) => Bytes.SequenceEqual(other.Bytes);
    public override bool Equals(object? obj) => obj is PeerId other && Equals(other);
    public override int GetHashCode() => _hash?.GetHashCode() ?? 0;
    public static bool operator ==(PeerId left, PeerId right) => left.Equals(right);
    public static bool operator !=(PeerId left, PeerId right) => !left.Equals(right);

    private static Error Invalid(string message) => new(IdentityErrors.PeerIdInvalid, message);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
