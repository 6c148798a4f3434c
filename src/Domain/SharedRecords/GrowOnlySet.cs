using System.Collections.Immutable;

namespace Rapport.Domain.SharedRecords;

/// <summary>
/// A grow-only set keyed by element id: elements are only ever added, merge is union. Ids are chosen by the author
/// (random, unique); should two different elements ever share an id, the earlier stamp wins so that every replica
/// keeps the same one.
/// </summary>
public sealed class GrowOnlySet<T>
    where T : IGrowOnlyElement
{
    public static readonly GrowOnlySet<T> Empty = new(ImmutableSortedDictionary.Create<string, T>(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, T> _elements;

    private GrowOnlySet(ImmutableSortedDictionary<string, T> elements) => _elements = elements;

    public bool IsEmpty => _elements.IsEmpty;

    public int Count => _elements.Count;

    public IEnumerable<T> Elements => _elements.Values;

    public bool Contains(string id) => _elements.ContainsKey(id);

    public T? Find(string id) => _elements.TryGetValue(id, out var element) ? element : default;

    public static GrowOnlySet<T> Of(IEnumerable<T> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return elements.Aggregate(Empty, (set, element) => set.Merge(AddDelta(element)));
    }

    public static GrowOnlySet<T> AddDelta(T element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new GrowOnlySet<T>(Empty._elements.Add(element.Id, element));
    }

    public GrowOnlySet<T> Merge(GrowOnlySet<T> other)
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

        var elements = _elements;
        foreach (var (id, element) in other._elements)
        {
            if (!elements.TryGetValue(id, out var known) || element.Stamp < known.Stamp)
            {
                elements = elements.SetItem(id, element);
            }
        }

        return new GrowOnlySet<T>(elements);
    }

    public GrowOnlySet<T> Since(VersionVector seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var unseen = _elements.Where(e => !seen.Covers(e.Value.Stamp)).ToList();
        return unseen.Count == 0
            ? Empty
            : new GrowOnlySet<T>(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, unseen));
    }

    public bool StateEquals(GrowOnlySet<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _elements.Count == other._elements.Count &&
               _elements.All(e => other._elements.TryGetValue(e.Key, out var o) && EqualityComparer<T>.Default.Equals(o, e.Value));
    }
}
