using System.Collections.Immutable;

namespace Rapport.Domain.SharedRecords;

/// <summary>
/// An add-wins observed-remove set. Every add is tagged with a unique dot (the writer's clock reading); a remove
/// tombstones only the dots it observed, so an add concurrent with a remove survives. Tombstones are kept (one per
/// removed add dot) because they must reach replicas that have not seen the remove yet; a tombstone remembers the
/// smallest remove stamp that produced it so that merge is deterministic. Immutable: mutators return a delta that the
/// caller merges into its own state and ships to the other replicas.
/// </summary>
public sealed class ObservedRemoveSet<T>
    where T : notnull
{
    public static readonly ObservedRemoveSet<T> Empty = new(
        ImmutableDictionary<HlcTimestamp, T>.Empty,
        ImmutableDictionary<HlcTimestamp, HlcTimestamp>.Empty);

    private readonly ImmutableDictionary<HlcTimestamp, T> _adds;
    private readonly ImmutableDictionary<HlcTimestamp, HlcTimestamp> _tombstones;

    private ObservedRemoveSet(ImmutableDictionary<HlcTimestamp, T> adds, ImmutableDictionary<HlcTimestamp, HlcTimestamp> tombstones)
    {
        _adds = adds;
        _tombstones = tombstones;
    }

    public bool IsEmpty => _adds.IsEmpty && _tombstones.IsEmpty;

    /// <summary>Add dot to element, including tombstoned adds.</summary>
    public IReadOnlyDictionary<HlcTimestamp, T> Adds => _adds;

    /// <summary>Removed add dot to the stamp of the (smallest) remove that observed it.</summary>
    public IReadOnlyDictionary<HlcTimestamp, HlcTimestamp> Tombstones => _tombstones;

    public IReadOnlySet<T> Elements =>
        _adds.Where(a => !_tombstones.ContainsKey(a.Key)).Select(a => a.Value).ToImmutableHashSet();

    public bool Contains(T element) =>
        _adds.Any(a => EqualityComparer<T>.Default.Equals(a.Value, element) && !_tombstones.ContainsKey(a.Key));

    public IEnumerable<HlcTimestamp> Stamps => _adds.Keys.Concat(_tombstones.Values);

    public static ObservedRemoveSet<T> FromParts(
        IEnumerable<KeyValuePair<HlcTimestamp, T>> adds,
        IEnumerable<KeyValuePair<HlcTimestamp, HlcTimestamp>> tombstones)
    {
        ArgumentNullException.ThrowIfNull(adds);
        ArgumentNullException.ThrowIfNull(tombstones);
        var result = Empty;
        foreach (var (dot, element) in adds)
        {
            result = result.Merge(new ObservedRemoveSet<T>(ImmutableDictionary<HlcTimestamp, T>.Empty.Add(dot, element), Empty._tombstones));
        }

        foreach (var (dot, removedBy) in tombstones)
        {
            result = result.Merge(new ObservedRemoveSet<T>(Empty._adds, ImmutableDictionary<HlcTimestamp, HlcTimestamp>.Empty.Add(dot, removedBy)));
        }

        return result;
    }

    /// <summary>The delta of adding <paramref name="element"/> under the fresh dot <paramref name="dot"/>.</summary>
    public static ObservedRemoveSet<T> AddDelta(T element, HlcTimestamp dot) =>
        new(ImmutableDictionary<HlcTimestamp, T>.Empty.Add(dot, element), ImmutableDictionary<HlcTimestamp, HlcTimestamp>.Empty);

    /// <summary>The delta of removing every currently observed add of <paramref name="element"/>; empty if none.</summary>
    public ObservedRemoveSet<T> RemoveDelta(T element, HlcTimestamp stamp)
    {
        var tombstones = _adds
            .Where(a => EqualityComparer<T>.Default.Equals(a.Value, element) && !_tombstones.ContainsKey(a.Key))
            .ToImmutableDictionary(a => a.Key, _ => stamp);
        return new ObservedRemoveSet<T>(ImmutableDictionary<HlcTimestamp, T>.Empty, tombstones);
    }

    public ObservedRemoveSet<T> Merge(ObservedRemoveSet<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var adds = _adds;
        foreach (var (dot, element) in other._adds)
        {
            adds = adds.SetItem(dot, element);
        }

        var tombstones = _tombstones;
        foreach (var (dot, removedBy) in other._tombstones)
        {
            tombstones = tombstones.TryGetValue(dot, out var known)
                ? tombstones.SetItem(dot, HlcTimestamp.Min(known, removedBy))
                : tombstones.Add(dot, removedBy);
        }

        return new ObservedRemoveSet<T>(adds, tombstones);
    }

    /// <summary>The adds and tombstones whose stamps <paramref name="seen"/> does not cover.</summary>
    public ObservedRemoveSet<T> Since(VersionVector seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var adds = _adds.Where(a => !seen.Covers(a.Key)).ToImmutableDictionary();
        var tombstones = _tombstones.Where(t => !seen.Covers(t.Value)).ToImmutableDictionary();
        return adds.IsEmpty && tombstones.IsEmpty ? Empty : new ObservedRemoveSet<T>(adds, tombstones);
    }

    public bool StateEquals(ObservedRemoveSet<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _adds.Count == other._adds.Count && _tombstones.Count == other._tombstones.Count &&
               _adds.All(a => other._adds.TryGetValue(a.Key, out var e) && EqualityComparer<T>.Default.Equals(e, a.Value)) &&
               _tombstones.All(t => other._tombstones.TryGetValue(t.Key, out var r) && r == t.Value);
    }
}
