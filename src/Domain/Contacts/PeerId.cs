using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>
/// A customer's libp2p peer id in its base58btc text form (e.g. "12D3KooW…" for Ed25519 keys, "Qm…" for hashed keys).
/// Only the text shape is checked here; the adapter that talks to the peer verifies it cryptographically.
/// </summary>
public sealed record PeerId
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private PeerId(string value) => Value = value;

    public string Value { get; }

    public static Result<PeerId> Create(string? text, string field = "peer_id")
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length is < 40 or > 100)
        {
            return new Error(ContactErrors.PeerIdInvalid, $"'{trimmed}' is not a libp2p peer id (expected 40-100 base58 characters)", field);
        }

        if (!trimmed.All(c => Base58Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return new Error(ContactErrors.PeerIdInvalid, $"'{trimmed}' contains characters outside base58btc", field);
        }

        if (!trimmed.StartsWith("12D3KooW", StringComparison.Ordinal) && !trimmed.StartsWith("Qm", StringComparison.Ordinal) &&
            !trimmed.StartsWith("16Uiu2", StringComparison.Ordinal))
        {
            return new Error(ContactErrors.PeerIdInvalid, $"'{trimmed}' does not start like a libp2p peer id (12D3KooW…, 16Uiu2…, Qm…)", field);
        }

        return new PeerId(trimmed);
    }

    public override string ToString() => Value;
}
