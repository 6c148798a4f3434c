using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>The distinct tags of a contact, in ordinal order.</summary>
public sealed class TagSet : IEquatable<TagSet>
{
    private readonly SortedSet<string> _values;

    private TagSet(SortedSet<string> values) => _values = values;

    public static TagSet Empty { get; } = new(new SortedSet<string>(StringComparer.Ordinal));

    public IReadOnlyCollection<string> Values => _values;

    public int Count => _values.Count;

    public static TagSet Of(IEnumerable<Tag> tags) =>
        new(new SortedSet<string>(tags.Select(t => t.Value), StringComparer.Ordinal));

    /// <summary>Parses each text as a tag; the first invalid one fails the whole set.</summary>
    public static Result<TagSet> Parse(IEnumerable<string> texts, string field = "tags")
    {
        var tags = new List<Tag>();
        foreach (var text in texts)
        {
            var tag = Tag.Create(text, field);
            if (tag.IsFailure)
            {
                return tag.Error;
            }

            tags.Add(tag.Value);
        }

        return Of(tags);
    }

    public bool Contains(Tag tag) => _values.Contains(tag.Value);

    public TagSet With(IEnumerable<Tag> added) => new(new SortedSet<string>(_values.Concat(added.Select(t => t.Value)), StringComparer.Ordinal));

    public TagSet Without(IEnumerable<Tag> removed)
    {
        var copy = new SortedSet<string>(_values, StringComparer.Ordinal);
        copy.ExceptWith(removed.Select(t => t.Value));
        return new TagSet(copy);
    }

    public bool Equals(TagSet? other) => other is not null && _values.SetEquals(other._values);

    public override bool Equals(object? obj) => Equals(obj as TagSet);

    public override int GetHashCode() => _values.Aggregate(0, (h, v) => HashCode.Combine(h, v));

    public override string ToString() => string.Join(';', _values);
}
