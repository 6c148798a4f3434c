using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Domain.Audit;

/// <summary>
/// One link of the append-only audit chain: the event, its position, the hash of the previous entry and its own hash.
/// Editing, deleting, inserting or reordering any entry breaks the chain from that position on.
/// </summary>
public sealed record AuditEntry(long Sequence, AuditEvent Event, string PreviousHash, string Hash)
{
    /// <summary>The previous-hash of the very first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Links <paramref name="auditEvent"/> after <paramref name="previous"/> (null for the first entry).</summary>
    public static AuditEntry Append(AuditEntry? previous, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var sequence = previous is null ? 1 : previous.Sequence + 1;
        var previousHash = previous?.Hash ?? GenesisHash;
        return new AuditEntry(sequence, auditEvent, previousHash, ComputeHash(sequence, auditEvent, previousHash));
    }

    /// <summary>SHA-256 (lower-case hex) over the canonical form of the entry's content and its predecessor's hash.</summary>
    public static string ComputeHash(long sequence, AuditEvent auditEvent, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var canonical = string.Join(
            '\u001f',
            sequence.ToString(CultureInfo.InvariantCulture),
            auditEvent.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            auditEvent.Actor,
            auditEvent.Action,
            auditEvent.Subject,
            auditEvent.ContactId ?? string.Empty,
            auditEvent.Detail,
            previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Whether the stored hash matches the content (ignores the link to the predecessor).</summary>
    public bool IsIntact => ComputeHash(Sequence, Event, PreviousHash) == Hash;
}
