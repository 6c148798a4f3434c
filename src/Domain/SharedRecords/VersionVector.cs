using System.Collections.Immutable;

namespace Rapport.Domain.SharedRecords;

/// <summary>
/// What a replica has seen: for each origin node, the greatest stamp up to which the replica holds every write of
/// that node (or a write that supersedes it). Immutable; entries are ordered by node id for a stable wire form.
/// </summary>
public sealed class VersionVector : IEquatable<VersionVector>
{
    public static readonly VersionVector Empty = new(ImmutableSortedDictionary.Create<string, HlcTimestamp>(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, HlcTimestamp> _entries;

    private VersionVector(ImmutableSortedDictionary<string, HlcTimestamp> entries) => _entries = entries;

    public IReadOnlyDictionary<string, HlcTimestamp> Entries => _entries;

    public int Count => _entries.Count;

    /// <summary>Builds a vector from stamps; each stamp is filed under its own node id, keeping the greatest.</summary>
    public static VersionVector From(IEnumerable<HlcTimestamp> stamps)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, HlcTimestamp>(StringComparer.Ordinal);
        foreach (var stamp in stamps)
        {
            builder[stamp.NodeId] = builder.TryGetValue(stamp.NodeId, out var known) ? HlcTimestamp.Max(known, stamp) : stamp;
        }

        return new VersionVector(builder.ToImmutable());
    }

    public HlcTimestamp? Get(string nodeId) => _entries.TryGetValue(nodeId, out var stamp) ? stamp : null;

    /// <summary>True when the write stamped <paramref name="stamp"/> is already reflected by this vector.</summary>
    public bool Covers(HlcTimestamp stamp) => _entries.TryGetValue(stamp.NodeId, out var known) && stamp <= known;

    public VersionVector With(HlcTimestamp stamp) =>
        Covers(stamp) ? this : new VersionVector(_entries.SetItem(stamp.NodeId, stamp));

    public VersionVector Merge(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = this;
        foreach (var stamp in other._entries.Values)
        {
            result = result.With(stamp);
        }

        return result;
    }

    public bool Equals(VersionVector? other) =>
        other is not null && _entries.Count == other._entries.Count &&
        _entries.All(e => other._entries.TryGetValue(e.Key, out var s) && s == e.Value);

    public override bool Equals(object? obj) => Equals(obj as VersionVector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (node, stamp) in _entries)
        {
            hash.Add(node, StringComparer.Ordinal);
            hash.Add(stamp);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _entries.Values) + "}";
}
