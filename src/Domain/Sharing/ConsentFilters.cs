using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Sharing;

/// <summary>
/// The field filters of the sync protocol (protocol/sharing.md §6.4), to pass to
/// <see cref="SharedRecordDelta.Restrict"/>. Each is evaluated against the newest accepted grant at one instant.
/// </summary>
public static class ConsentFilters
{
    /// <summary>The customer sends fields the business may view or edit.</summary>
    public static Func<string, bool> CustomerSends(ConsentGrant grant, DateTimeOffset now) => Viewable(grant, now);

    /// <summary>The customer accepts business writes only to fields the business may edit.</summary>
    public static Func<string, bool> CustomerAccepts(ConsentGrant grant, DateTimeOffset now) => Editable(grant, now);

    /// <summary>The business sends writes only to fields it may edit.</summary>
    public static Func<string, bool> BusinessSends(ConsentGrant grant, DateTimeOffset now) => Editable(grant, now);

    /// <summary>The business accepts only fields it may view or edit.</summary>
    public static Func<string, bool> BusinessAccepts(ConsentGrant grant, DateTimeOffset now) => Viewable(grant, now);

    /// <summary>
    /// The fields the business must purge when it moves from <paramref name="previous"/> to <paramref name="current"/>
    /// (or when <paramref name="current"/> stops being active at <paramref name="now"/>): every field it could view
    /// before and cannot view now.
    /// </summary>
    public static IReadOnlyList<string> FieldsToPurge(ConsentGrant? previous, ConsentGrant current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = previous?.Fields.Keys ?? Enumerable.Empty<string>();
        return before.Concat(current.Fields.Keys)
            .Distinct(StringComparer.Ordinal)
            .Where(key => !current.CanView(key, now))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static Func<string, bool> Viewable(ConsentGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return key => grant.CanView(key, now);
    }

    private static Func<string, bool> Editable(ConsentGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return key => grant.CanEdit(key, now);
    }
}
