namespace Rapport.Domain.Audit;

/// <summary>
/// The newest entry of the audit chain as a witness keeps it: its position and hash. A log that ends before a head
/// once witnessed has lost its tail; a log whose entry at that position has another hash was rewritten.
/// </summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    /// <summary>The head of a log with no entries.</summary>
    public static readonly AuditHead Empty = new(0, AuditEntry.GenesisHash);

    public static AuditHead Of(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditHead(entry.Sequence, entry.Hash);
    }

    public bool IsAfter(AuditHead other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Sequence > other.Sequence;
    }
}
