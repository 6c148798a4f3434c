namespace Rapport.Domain.Policy;

/// <summary>
/// The gate's decision on one use of a shared record (a delta sent or received, the replica shown, a field edited):
/// the decision on the record as a whole, and one decision per field the use touches, by the field's shared-record
/// key. A field may be used only when both allow it; the filters that decide which fields travel read
/// <see cref="Allows"/>, nothing else.
/// </summary>
public sealed class SharedRecordDecision
{
    private readonly Dictionary<string, PolicyDecision> _fields;

    internal SharedRecordDecision(PolicyDecision record, string fieldAction, IReadOnlyList<KeyValuePair<string, PolicyDecision>> fields)
    {
        Record = record;
        FieldAction = fieldAction;
        Fields = fields;
        _fields = new Dictionary<string, PolicyDecision>(fields.Count, StringComparer.Ordinal);
        foreach (var (key, decision) in fields)
        {
            _fields[key] = decision;
        }
    }

    /// <summary>The decision when the node has no policy to evaluate: the use and every field denied.</summary>
    public static SharedRecordDecision Unavailable(string action, string fieldAction, Consent.ConsentSnapshot snapshot, IEnumerable<string> fields, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(fields);
        var denied = fields.Distinct(StringComparer.Ordinal)
            .Select(key => KeyValuePair.Create(key, PolicyDecision.Unavailable(fieldAction, snapshot.Contact, at, snapshot.Hash, field: key)))
            .ToList();
        return new SharedRecordDecision(PolicyDecision.Unavailable(action, snapshot.Contact, at, snapshot.Hash), fieldAction, denied);
    }

    /// <summary>The decision on the record: whether the grant is in effect at all.</summary>
    public PolicyDecision Record { get; }

    /// <summary>The action each field was decided for (<see cref="PolicyActions.ReadSharedField"/> or <see cref="PolicyActions.WriteSharedField"/>).</summary>
    public string FieldAction { get; }

    /// <summary>The decision per field, by shared-record key, in the order the use named them.</summary>
    public IReadOnlyList<KeyValuePair<string, PolicyDecision>> Fields { get; }

    public bool Allowed => Record.Allowed;

    /// <summary>Whether the field with shared-record key <paramref name="key"/> was decided and may be used.</summary>
    public bool Allows(string key) => Record.Allowed && _fields.TryGetValue(key, out var decision) && decision.Allowed;

    /// <summary>The fields decided and not allowed, in order.</summary>
    public IReadOnlyList<string> DeniedFields => [.. Fields.Where(f => !Allows(f.Key)).Select(f => f.Key)];
}
