namespace Rapport.Domain.Sharing;

/// <summary>
/// What a change of grant obliges the business to delete (protocol/sharing.md §5), evaluated against the newest
/// accepted grant at one instant.
/// </summary>
public static class ConsentFilters
{
    /// <summary>
    /// Fields the business may still hold under <paramref name="grant"/> at <paramref name="now"/>: what a purge keeps.
    /// Which fields a sync sends or takes is the policy's decision (<see cref="Policy.PolicyMatrix.DecideSharedRecord"/>);
    /// this only tells what must be deleted.
    /// </summary>
    public static Func<string, bool> BusinessMayHold(SharingGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return key => grant.CanView(key, now);
    }

    /// <summary>
    /// The fields the business must purge when it moves from <paramref name="previous"/> to <paramref name="current"/>
    /// (or when <paramref name="current"/> stops being active at <paramref name="now"/>): every field it could view
    /// before and cannot view now.
    /// </summary>
    public static IReadOnlyList<string> FieldsToPurge(SharingGrant? previous, SharingGrant current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = previous?.Fields.Keys ?? Enumerable.Empty<string>();
        return before.Concat(current.Fields.Keys)
            .Distinct(StringComparer.Ordinal)
            .Where(key => !current.CanView(key, now))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
