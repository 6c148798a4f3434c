using System.Collections.Immutable;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// Which interactions to read with a record. Interactions are the one part of a record that grows without bound, and
/// most use cases need only a few of them: a delta touches its own ids, <c>DeltaSince(V)</c> needs only what V does
/// not cover, an edit needs none. Fields, tags, vector, watermarks and the latest stamp are always read in full, so
/// a record loaded with a subset applies, stamps and saves (with <see cref="RecordChanges"/> naming what changed)
/// exactly as a full one would. A record loaded with a subset must never be saved with
/// <see cref="RecordChanges.Everything"/>.
/// </summary>
public abstract record InteractionsToLoad
{
    private InteractionsToLoad()
    {
    }

    public static InteractionsToLoad All { get; } = new AllInteractions();

    public static InteractionsToLoad None { get; } = new WithIds([]);

    public static InteractionsToLoad Ids(IEnumerable<string> ids) => new WithIds(ids.ToImmutableHashSet(StringComparer.Ordinal));

    public static InteractionsToLoad NotCoveredBy(VersionVector seen) => new Uncovered(seen ?? throw new ArgumentNullException(nameof(seen)));

    public sealed record AllInteractions : InteractionsToLoad;

    public sealed record WithIds(ImmutableHashSet<string> Set) : InteractionsToLoad;

    public sealed record Uncovered(VersionVector Seen) : InteractionsToLoad;
}
