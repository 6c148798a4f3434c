using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;

namespace Rapport.Domain.SharedRecords;

/// <summary>
/// One replica of the record a business and a customer share: profile fields (last-writer-wins registers), tags
/// (add-wins observed-remove set) and interactions (grow-only set). State merges as a CRDT: <see cref="Merge"/> is
/// commutative, associative and idempotent, and replicas that have received the same writes hold the same state,
/// whatever the order, duplication or loss-and-resend of deliveries.
/// <para>
/// Purge and resurrection: <see cref="Purge"/> drops the values of fields whose consent ended and leaves a purge
/// watermark per field. A field write stamped at or below the field's watermark is ignored by <see cref="Apply"/> and
/// <see cref="Merge"/>, so an old delta delivered late, resent, or relayed by a third replica cannot bring a purged
/// value back. Writes stamped after the watermark are accepted: they are new writes made under a new grant (the
/// customer re-asserts a re-granted field with a fresh stamp). Watermarks are replica-local policy: they join in
/// full-state merges between copies of the same replica but never travel in deltas.
/// </para>
/// This type is an aggregate with mutable state; it is not thread-safe.
/// </summary>
public sealed class SharedRecord
{
    public const int MaxFieldValueLength = 65_536;
    public const int MaxTagLength = 64;

    private readonly Dictionary<string, LwwRegister<string>> _fields;
    private readonly Dictionary<string, HlcTimestamp> _purgedUpTo;
    private readonly Dictionary<string, HlcTimestamp> _versions;
    private ObservedRemoveSet<string> _tags;
    private GrowOnlySet<SharedInteraction> _interactions;
    private HlcTimestamp? _latest;

    private SharedRecord(
        string localNodeId,
        Dictionary<string, LwwRegister<string>> fields,
        Dictionary<string, HlcTimestamp> purgedUpTo,
        Dictionary<string, HlcTimestamp> versions,
        ObservedRemoveSet<string> tags,
        GrowOnlySet<SharedInteraction> interactions,
        HlcTimestamp? latest)
    {
        LocalNodeId = localNodeId;
        _fields = fields;
        _purgedUpTo = purgedUpTo;
        _versions = versions;
        _tags = tags;
        _interactions = interactions;
        _latest = latest;
    }

    /// <summary>The node whose replica this is; local writes must be stamped by this node.</summary>
    public string LocalNodeId { get; }

    /// <summary>The greatest stamp this replica has seen; a local write must be stamped above it.</summary>
    public HlcTimestamp? LatestStamp => _latest;

    public VersionVector Versions => VersionVector.From(_versions.Values);

    /// <summary>The current (not cleared, not purged) field values.</summary>
    public IReadOnlyDictionary<string, string> Fields =>
        _fields.Where(f => !f.Value.IsCleared).ToImmutableSortedDictionary(f => f.Key, f => f.Value.Value!, StringComparer.Ordinal);

    public IReadOnlySet<string> Tags => _tags.Elements;

    /// <summary>Interactions in stamp order.</summary>
    public IReadOnlyList<SharedInteraction> Interactions => _interactions.Elements.OrderBy(i => i.Stamp).ToList();

    public ObservedRemoveSet<string> TagState => _tags;

    public GrowOnlySet<SharedInteraction> InteractionState => _interactions;

    public IReadOnlyDictionary<string, HlcTimestamp> PurgeWatermarks => _purgedUpTo.ToImmutableSortedDictionary(StringComparer.Ordinal);

    public static SharedRecord Create(string localNodeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(localNodeId);
        return new SharedRecord(
            localNodeId,
            new Dictionary<string, LwwRegister<string>>(StringComparer.Ordinal),
            new Dictionary<string, HlcTimestamp>(StringComparer.Ordinal),
            new Dictionary<string, HlcTimestamp>(StringComparer.Ordinal),
            ObservedRemoveSet<string>.Empty,
            GrowOnlySet<SharedInteraction>.Empty,
            null);
    }

    public string? GetField(string key) => _fields.TryGetValue(key, out var register) && !register.IsCleared ? register.Value : null;

    public LwwRegister<string>? GetRegister(string key) => _fields.GetValueOrDefault(key);

    /// <summary>A copy of this replica's state, owned by <paramref name="localNodeId"/> (default: the same node).</summary>
    public SharedRecord Clone(string? localNodeId = null) => new(
        localNodeId ?? LocalNodeId,
        new Dictionary<string, LwwRegister<string>>(_fields, StringComparer.Ordinal),
        new Dictionary<string, HlcTimestamp>(_purgedUpTo, StringComparer.Ordinal),
        new Dictionary<string, HlcTimestamp>(_versions, StringComparer.Ordinal),
        _tags,
        _interactions,
        _latest);

    public Result<SharedRecordDelta> SetField(string key, string value, HlcTimestamp stamp)
    {
        if (!FieldKey.IsValid(key))
        {
            return new Error(SharedRecordErrors.InvalidFieldKey, $"'{key}' is not a field key (1..{FieldKey.MaxLength} of a-z 0-9 . _ -, starting with a letter)", nameof(key));
        }

        if (value is null || value.Length > MaxFieldValueLength)
        {
            return new Error(SharedRecordErrors.InvalidFieldValue, $"a field value must be at most {MaxFieldValueLength} characters", key);
        }

        return LocalFieldWrite(key, LwwRegister<string>.Set(value, stamp));
    }

    public Result<SharedRecordDelta> ClearField(string key, HlcTimestamp stamp) =>
        FieldKey.IsValid(key)
            ? LocalFieldWrite(key, LwwRegister<string>.Cleared(stamp))
            : new Error(SharedRecordErrors.InvalidFieldKey, $"'{key}' is not a field key", nameof(key));

    public Result<SharedRecordDelta> AddTag(string tag, HlcTimestamp stamp)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > MaxTagLength || tag.Any(char.IsControl))
        {
            return new Error(SharedRecordErrors.InvalidTag, $"a tag must be 1..{MaxTagLength} printable characters", nameof(tag));
        }

        return LocalWrite(stamp, ObservedRemoveSet<string>.AddDelta(tag, stamp), null, []);
    }

    public Result<SharedRecordDelta> RemoveTag(string tag, HlcTimestamp stamp)
    {
        var removal = _tags.RemoveDelta(tag, stamp);
        return removal.IsEmpty
            ? new Error(SharedRecordErrors.TagNotPresent, $"tag '{tag}' is not on the record", nameof(tag))
            : LocalWrite(stamp, removal, null, []);
    }

    public Result<SharedRecordDelta> LogInteraction(SharedInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return _interactions.Contains(interaction.Id)
            ? new Error(SharedRecordErrors.InvalidInteraction, $"interaction '{interaction.Id}' is already logged", nameof(interaction))
            : LocalWrite(interaction.Stamp, null, GrowOnlySet<SharedInteraction>.AddDelta(interaction), []);
    }

    /// <summary>
    /// Everything this replica holds that a replica with version vector <paramref name="seen"/> has not seen: only
    /// the registers, tag entries and interactions stamped above the vector, never the whole record.
    /// </summary>
    public SharedRecordDelta DeltaSince(VersionVector seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var fields = _fields
            .Where(f => !seen.Covers(f.Value.Stamp))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new FieldWrite(f.Key, f.Value))
            .ToImmutableArray();
        var ahead = _versions.Values.Where(v => !seen.Covers(v)).ToList();
        var from = VersionVector.From(ahead.Select(v => seen.Get(v.NodeId)).OfType<HlcTimestamp>());
        return new SharedRecordDelta(fields, _tags.Since(seen), _interactions.Since(seen), from, VersionVector.From(ahead));
    }

    /// <summary>
    /// Merges a delta from another replica. Returns true when the delta's whole coverage was contiguous with what
    /// this replica had seen (its version vector advanced); false when an earlier delta is missing, in which case
    /// the state is merged all the same and a <see cref="DeltaSince"/> round trip fills the gap.
    /// </summary>
    public bool Apply(SharedRecordDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        foreach (var write in delta.Fields)
        {
            MergeField(write.Key, write.Register);
            Observe(write.Register.Stamp);
        }

        if (!delta.Tags.IsEmpty)
        {
            _tags = _tags.Merge(delta.Tags);
            foreach (var stamp in delta.Tags.Stamps)
            {
                Observe(stamp);
            }
        }

        if (!delta.Interactions.IsEmpty)
        {
            _interactions = _interactions.Merge(delta.Interactions);
            foreach (var interaction in delta.Interactions.Elements)
            {
                Observe(interaction.Stamp);
            }
        }

        var contiguous = true;
        foreach (var to in delta.To.Stamps)
        {
            Observe(to);
            var isKnown = _versions.TryGetValue(to.NodeId, out var known);
            var from = delta.From.Get(to.NodeId);
            if (from is null || (isKnown && known >= from.Value))
            {
                if (!isKnown || to > known)
                {
                    _versions[to.NodeId] = to;
                }
            }
            else
            {
                contiguous = false;
            }
        }

        return contiguous;
    }

    /// <summary>Full-state merge (join) with another replica's state.</summary>
    public void Merge(SharedRecord remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        foreach (var (key, upTo) in remote._purgedUpTo)
        {
            RaiseWatermark(key, upTo);
        }

        foreach (var (key, register) in remote._fields)
        {
            MergeField(key, register);
        }

        _tags = _tags.Merge(remote._tags);
        _interactions = _interactions.Merge(remote._interactions);
        foreach (var stamp in remote._versions.Values)
        {
            if (!_versions.TryGetValue(stamp.NodeId, out var known) || stamp > known)
            {
                _versions[stamp.NodeId] = stamp;
            }
        }

        if (remote._latest is { } latest)
        {
            Observe(latest);
        }
    }

    /// <summary>
    /// Drops the values of <paramref name="fieldKeys"/> and refuses, from now on, every write to them stamped at or
    /// below <paramref name="upTo"/> (and below the purged values' own stamps), so late deltas cannot resurrect them.
    /// <paramref name="upTo"/> must lie above every write made before consent ended on any replica: the later of this
    /// node's fresh clock reading and the revoking customer's clock reading (protocol/sharing.md §6.5).
    /// </summary>
    public void Purge(IEnumerable<string> fieldKeys, HlcTimestamp upTo)
    {
        ArgumentNullException.ThrowIfNull(fieldKeys);
        foreach (var key in fieldKeys)
        {
            var watermark = _fields.TryGetValue(key, out var register) ? HlcTimestamp.Max(upTo, register.Stamp) : upTo;
            RaiseWatermark(key, watermark);
        }
    }

    /// <summary>Structural equality of replicated state (fields, watermarks, tags, interactions, version vector).</summary>
    public bool StateEquals(SharedRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SameEntries(_fields, other._fields) && SameEntries(_purgedUpTo, other._purgedUpTo) &&
               SameEntries(_versions, other._versions) && _tags.StateEquals(other._tags) &&
               _interactions.StateEquals(other._interactions);
    }

    private static bool SameEntries<TValue>(Dictionary<string, TValue> a, Dictionary<string, TValue> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && EqualityComparer<TValue>.Default.Equals(v, e.Value));

    private Result<SharedRecordDelta> LocalFieldWrite(string key, LwwRegister<string> register) =>
        _purgedUpTo.TryGetValue(key, out var watermark) && register.Stamp <= watermark
            ? new Error(SharedRecordErrors.FieldPurged, $"field '{key}' was purged up to {watermark}; a write needs a later stamp", key)
            : LocalWrite(register.Stamp, null, null, [new FieldWrite(key, register)]);

    private Result<SharedRecordDelta> LocalWrite(
        HlcTimestamp stamp,
        ObservedRemoveSet<string>? tags,
        GrowOnlySet<SharedInteraction>? interactions,
        ImmutableArray<FieldWrite> fields)
    {
        if (!string.Equals(stamp.NodeId, LocalNodeId, StringComparison.Ordinal))
        {
            return new Error(SharedRecordErrors.ForeignStamp, $"a local write must be stamped by node '{LocalNodeId}', not '{stamp.NodeId}'");
        }

        if (_latest is { } latest && stamp <= latest)
        {
            return new Error(SharedRecordErrors.StaleStamp, $"stamp {stamp} is not after the latest stamp seen ({latest}); advance the clock first");
        }

        var previous = _versions.TryGetValue(LocalNodeId, out var p) ? VersionVector.Of(p) : VersionVector.Empty;
        var delta = new SharedRecordDelta(
            fields,
            tags ?? ObservedRemoveSet<string>.Empty,
            interactions ?? GrowOnlySet<SharedInteraction>.Empty,
            previous,
            VersionVector.Of(stamp));
        Apply(delta);
        return delta;
    }

    private void MergeField(string key, LwwRegister<string> incoming)
    {
        if (_purgedUpTo.Count > 0 && _purgedUpTo.TryGetValue(key, out var watermark) && incoming.Stamp <= watermark)
        {
            return;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_fields, key, out var exists);
        slot = exists ? slot!.Merge(incoming) : incoming;
    }

    private void RaiseWatermark(string key, HlcTimestamp upTo)
    {
        if (_purgedUpTo.TryGetValue(key, out var known) && known >= upTo)
        {
            return;
        }

        _purgedUpTo[key] = upTo;
        if (_fields.TryGetValue(key, out var register) && register.Stamp <= upTo)
        {
            _fields.Remove(key);
        }
    }

    private void Observe(HlcTimestamp stamp)
    {
        if (_latest is not { } latest || stamp > latest)
        {
            _latest = stamp;
        }
    }
}
