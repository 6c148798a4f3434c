using System.Collections.Immutable;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;

namespace Rapport.Domain.SharedRecords;

/// <summary>
/// A piece of shared-record state to ship to another replica: the field registers, tag adds/tombstones and
/// interactions it carries, plus its coverage — for each origin node, the range of that node's writes (From, To]
/// the delta accounts for. A receiver whose version vector already reaches From may advance to To; otherwise a
/// delta went missing in between and the receiver keeps its vector (the state still merges; a later
/// <see cref="SharedRecord.DeltaSince"/> repairs the gap).
/// </summary>
public sealed class SharedRecordDelta
{
    public SharedRecordDelta(
        ImmutableArray<FieldWrite> fields,
        ObservedRemoveSet<string> tags,
        GrowOnlySet<SharedInteraction> interactions,
        VersionVector from,
        VersionVector to)
    {
        Fields = fields.IsDefault ? [] : fields;
        Tags = tags ?? throw new ArgumentNullException(nameof(tags));
        Interactions = interactions ?? throw new ArgumentNullException(nameof(interactions));
        From = from ?? throw new ArgumentNullException(nameof(from));
        To = to ?? throw new ArgumentNullException(nameof(to));
    }

    public ImmutableArray<FieldWrite> Fields { get; }
    public ObservedRemoveSet<string> Tags { get; }
    public GrowOnlySet<SharedInteraction> Interactions { get; }
    public VersionVector From { get; }
    public VersionVector To { get; }

    public bool IsEmpty => Fields.IsEmpty && Tags.IsEmpty && Interactions.IsEmpty;

    /// <summary>The greatest stamp the delta carries (coverage included), for the receiver's clock drift check.</summary>
    public HlcTimestamp? MaxStamp
    {
        get
        {
            HlcTimestamp? max = null;
            foreach (var stamp in Stamps)
            {
                max = max is { } m ? HlcTimestamp.Max(m, stamp) : stamp;
            }

            return max;
        }
    }

    public IEnumerable<HlcTimestamp> Stamps =>
        Fields.Select(f => f.Register.Stamp)
            .Concat(Tags.Stamps)
            .Concat(Interactions.Elements.Select(i => i.Stamp))
            .Concat(To.Stamps.ToArray());

    /// <summary>
    /// The same delta without the field writes whose key <paramref name="allowed"/> rejects (consent filtering).
    /// Coverage is unchanged on purpose: the receiver must not ask for the withheld writes again.
    /// </summary>
    public SharedRecordDelta Restrict(Func<string, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var kept = Fields.Where(f => allowed(f.Key)).ToImmutableArray();
        return kept.Length == Fields.Length ? this : new SharedRecordDelta(kept, Tags, Interactions, From, To);
    }

    /// <summary>
    /// Checks a delta received from the network: field keys and values are valid, cleared registers carry no value,
    /// every stamp was written by one of <paramref name="writers"/>, and each <see cref="From"/> entry is below its
    /// <see cref="To"/> entry. (Entries above <see cref="To"/> are legitimate: a sender that missed a delta holds
    /// writes its version vector does not claim yet.) Fails with <c>SYNC_INVALID_DELTA</c>.
    /// </summary>
    public Result<Unit> Validate(IReadOnlyCollection<string> writers)
    {
        ArgumentNullException.ThrowIfNull(writers);
        foreach (var write in Fields)
        {
            if (!FieldKey.IsValid(write.Key) ||
                (write.Register.IsCleared ? write.Register.Value is not null : write.Register.Value!.Length > SharedRecord.MaxFieldValueLength))
            {
                return Invalid($"field write '{write.Key}' is not valid");
            }
        }

        if (Fields.Select(f => f.Key).Distinct(StringComparer.Ordinal).Count() != Fields.Length)
        {
            return Invalid("a field appears twice");
        }

        if (Tags.Adds.Values.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > SharedRecord.MaxTagLength || t.Any(char.IsControl)))
        {
            return Invalid("a tag is not valid");
        }

        foreach (var stamp in Stamps.Concat(From.Stamps.ToArray()))
        {
            if (!writers.Contains(stamp.NodeId))
            {
                return Invalid($"stamp {stamp} is not from a writer of this record");
            }
        }

        foreach (var from in From.Stamps)
        {
            if (To.Get(from.NodeId) is not { } to || from >= to)
            {
                return Invalid($"coverage for {from.NodeId} is empty or inverted");
            }
        }

        return Result.Ok();
    }

    /// <summary>The keys of field writes that <paramref name="allowed"/> rejects (to answer refused edits).</summary>
    public IReadOnlyList<string> FieldKeysRejectedBy(Func<string, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return Fields.Where(f => !allowed(f.Key)).Select(f => f.Key).ToList();
    }

    private static Error Invalid(string message) => new(SharedRecordErrors.InvalidDelta, message);
}
