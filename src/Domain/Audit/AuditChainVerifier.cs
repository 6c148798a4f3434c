using Rapport.Domain.Common;

namespace Rapport.Domain.Audit;

/// <summary>
/// Checks an audit chain one entry at a time, in stored order, so a long log can be streamed without holding it in memory.
/// The first problem found is final: it names the position (1-based, in the order read) and what is wrong.
/// </summary>
public sealed class AuditChainVerifier
{
    /// <summary>How far from its own position an entry's hash is searched for, to tell a moved entry from an edited one.</summary>
    private const int MoveSearchWindow = 64;

    private string _previousHash = AuditEntry.GenesisHash;

    public long Checked { get; private set; }

    public Error? Failure { get; private set; }

    public string LastHash => _previousHash;

    /// <summary>Checks the next entry; returns false once the chain is broken (then <see cref="Failure"/> says where and how).</summary>
    public bool Check(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Failure is not null)
        {
            return false;
        }

        var position = Checked + 1;
        Failure = Diagnose(position, entry, _previousHash);
        if (Failure is not null)
        {
            return false;
        }

        Checked = position;
        _previousHash = entry.Hash;
        return true;
    }

    private static Error? Diagnose(long position, AuditEntry entry, string previousHash)
    {
        if (entry.Sequence > position)
        {
            return Broken(position, AuditErrors.EntryMissing, $"sequence jumps from {position - 1} to {entry.Sequence}: {entry.Sequence - position} entr{(entry.Sequence - position == 1 ? "y was" : "ies were")} deleted (or moved)");
        }

        if (entry.Sequence < position)
        {
            return Broken(position, AuditErrors.Reordered, $"sequence {entry.Sequence} appears again after {position - 1}: entries were reordered or duplicated");
        }

        if (!entry.IsIntact)
        {
            var movedFrom = OriginalPosition(entry);
            return movedFrom is { } original
                ? Broken(position, AuditErrors.Reordered, $"it holds the entry hashed for position {original}: entries were reordered, or deleted/inserted and renumbered")
                : Broken(position, AuditErrors.ContentEdited, "content edited (hash mismatch)");
        }

        if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return Broken(position, AuditErrors.LinkBroken, "previous-hash mismatch: an entry was inserted or deleted before it");
        }

        return null;
    }

    private static long? OriginalPosition(AuditEntry entry)
    {
        for (long distance = 1; distance <= MoveSearchWindow; distance++)
        {
            foreach (var candidate in (ReadOnlySpan<long>)[entry.Sequence - distance, entry.Sequence + distance])
            {
                if (candidate >= 1 && AuditEntry.ComputeHash(candidate, entry.Event, entry.PreviousHash) == entry.Hash)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static Error Broken(long position, ErrorCode code, string what) =>
        new(code, $"audit log broken at entry {position}: {what}", position.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
