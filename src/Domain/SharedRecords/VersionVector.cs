using System.Collections.Immutable;

namespace Rapport.Domain.SharedRecords;

/// <summary>
/// What a replica has seen: for each origin node, the greatest stamp up to which the replica holds every write of
/// that node (or a write that supersedes it). Immutable; entries are ordered by node id for a stable wire form.
/// A shared record has two or three writers, so a sorted array with linear lookup beats any dictionary here.
/// </summary>
public sealed class VersionVector : IEquatable<VersionVector>
{
    public static readonly VersionVector Empty = new([]);

    private readonly HlcTimestamp[] _entries;

    private VersionVector(HlcTimestamp[] entries) => _entries = entries;

    /// <summary>The greatest stamp per node, ordered by node id.</summary>
    public ReadOnlySpan<HlcTimestamp> Stamps => _entries;

    public IReadOnlyDictionary<string, HlcTimestamp> Entries =>
        _entries.ToImmutableSortedDictionary(e => e.NodeId, e => e, StringComparer.Ordinal);

    public int Count => _entries.Length;

    /// <summary>Builds a vector from stamps; each stamp is filed under its own node id, keeping the greatest.</summary>
    public static VersionVector From(IEnumerable<HlcTimestamp> stamps)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        var result = Empty;
        foreach (var stamp in stamps)
        {
            result = result.With(stamp);
        }

        return result;
    }

    public static VersionVector Of(HlcTimestamp stamp) => new([stamp]);

    public HlcTimestamp? Get(string nodeId)
    {
        var index = IndexOf(nodeId);
        return index >= 0 ? _entries[index] : null;
    }

    /// <summary>True when the write stamped <paramref name="stamp"/> is already reflected by this vector.</summary>
    public bool Covers(HlcTimestamp stamp)
    {
        var index = IndexOf(stamp.NodeId);
        return index >= 0 && stamp <= _entries[index];
    }

    public VersionVector With(HlcTimestamp stamp)
    {
        var index = IndexOf(stamp.NodeId);
        if (index >= 0)
        {
            if (stamp <= _entries[index])
            {
                return this;
            }

            var replaced = (HlcTimestamp[])_entries.Clone();
            replaced[index] = stamp;
            return new VersionVector(replaced);
        }

        var insertAt = 0;
        while (insertAt < _entries.Length && string.CompareOrdinal(_entries[insertAt].NodeId, stamp.NodeId) < 0)
        {
            insertAt++;
        }

        var grown = new HlcTimestamp[_entries.Length + 1];
        _entries.AsSpan(0, insertAt).CopyTo(grown);
        grown[insertAt] = stamp;
        _entries.AsSpan(insertAt).CopyTo(grown.AsSpan(insertAt + 1));
        return new VersionVector(grown);
    }

    public VersionVector Merge(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = this;
        foreach (var stamp in other._entries)
        {
            result = result.With(stamp);
        }

        return result;
    }

    public bool Equals(VersionVector? other) => other is not null && _entries.AsSpan().SequenceEqual(other._entries);

    public override bool Equals(object? obj) => Equals(obj as VersionVector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var stamp in _entries)
        {
            hash.Add(stamp);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _entries) + "}";

    private int IndexOf(string nodeId)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].NodeId, nodeId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
