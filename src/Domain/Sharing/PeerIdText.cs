namespace Rapport.Domain.Sharing;

/// <summary>
/// The text form of a libp2p peer id (base58btc "12D3KooW…"/"Qm…" or a base32 CID). The domain only checks its
/// syntax; deriving it from a public key is the networking adapter's job.
/// </summary>
public readonly record struct PeerIdText
{
    public const int MaxLength = 128;

    private PeerIdText(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out PeerIdText peerId)
    {
        peerId = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !text.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        peerId = new PeerIdText(text);
        return true;
    }

    public override string ToString() => Value ?? string.Empty;
}
