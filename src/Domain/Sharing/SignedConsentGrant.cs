using System.Collections.Immutable;
using Rapport.Domain.Common;

namespace Rapport.Domain.Sharing;

/// <summary>
/// A consent grant as signed by the customer: the grant, the canonical bytes that were signed, the signature and
/// the signer's public key. Both nodes store it as a receipt; anyone can re-verify it offline.
/// </summary>
public sealed record SignedConsentGrant
{
    public const int MaxSignatureLength = 512;
    public const int MaxPublicKeyLength = 1024;

    private SignedConsentGrant(SharingGrant grant, ImmutableArray<byte> canonical, ImmutableArray<byte> signature, ImmutableArray<byte> key)
    {
        Grant = grant;
        CanonicalBytes = canonical;
        Signature = signature;
        SignerPublicKey = key;
    }

    public SharingGrant Grant { get; }
    public ImmutableArray<byte> CanonicalBytes { get; }
    public ImmutableArray<byte> Signature { get; }

    /// <summary>The signer's public key in the form the signature scheme's verifier expects.</summary>
    public ImmutableArray<byte> SignerPublicKey { get; }

    /// <summary>Wraps a grant signed locally: the signature must be over <see cref="ConsentGrantEncoding.Encode"/>.</summary>
    public static Result<SignedConsentGrant> Create(SharingGrant grant, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> signerPublicKey)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return FromParts(ConsentGrantEncoding.Encode(grant), signature, signerPublicKey);
    }

    /// <summary>Reads a signed grant received or loaded as bytes; the grant is decoded from the signed bytes themselves.</summary>
    public static Result<SignedConsentGrant> FromParts(ReadOnlySpan<byte> canonicalGrant, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> signerPublicKey)
    {
        if (signature.IsEmpty || signature.Length > MaxSignatureLength)
        {
            return new Error(SharingErrors.Malformed, $"signature must be 1..{MaxSignatureLength} bytes", nameof(signature));
        }

        if (signerPublicKey.IsEmpty || signerPublicKey.Length > MaxPublicKeyLength)
        {
            return new Error(SharingErrors.Malformed, $"signer public key must be 1..{MaxPublicKeyLength} bytes", nameof(signerPublicKey));
        }

        var decoded = ConsentGrantEncoding.Decode(canonicalGrant);
        if (decoded.IsFailure)
        {
            return decoded.Error;
        }

        return new SignedConsentGrant(decoded.Value, [.. canonicalGrant], [.. signature], [.. signerPublicKey]);
    }

    /// <summary>True when the signature over the canonical bytes verifies under the signer's key.</summary>
    public bool HasValidSignature(Func<ReadOnlySpan<byte>, ReadOnlySpan<byte>, ReadOnlySpan<byte>, bool> verify)
    {
        ArgumentNullException.ThrowIfNull(verify);
        return verify(SignerPublicKey.AsSpan(), CanonicalBytes.AsSpan(), Signature.AsSpan());
    }

    // Byte arrays compare by content: two receipts are the same when they hold the same bytes.
    public bool Equals(SignedConsentGrant? other) =>
        other is not null && CanonicalBytes.AsSpan().SequenceEqual(other.CanonicalBytes.AsSpan()) &&
        Signature.AsSpan().SequenceEqual(other.Signature.AsSpan()) && SignerPublicKey.AsSpan().SequenceEqual(other.SignerPublicKey.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Grant, CanonicalBytes.Length, Signature.Length);
}
