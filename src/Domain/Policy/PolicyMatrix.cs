using Rapport.Domain.Consent;

namespace Rapport.Domain.Policy;

/// <summary>
/// A versioned table action → requirements, and the evaluator over it. Evaluation is pure and allocation-free on the
/// common paths: reason arrays are shared, the snapshot hash was computed when the snapshot was built.
/// Unknown consent denies; an action not in the table denies with <see cref="ReasonCode.UnknownAction"/>.
/// </summary>
public sealed class PolicyMatrix
{
    private static readonly ReasonCode[] Allowed = [];
    private static readonly ReasonCode[] UnknownAction = [ReasonCode.UnknownAction];
    private static readonly ReasonCode[] FieldRequired = [ReasonCode.FieldRequired];
    private static readonly ReasonCode[] FieldNotShared = [ReasonCode.FieldNotShared];
    private static readonly ReasonCode[] FieldNotEditable = [ReasonCode.FieldNotEditable];
    private static readonly ReasonCode[] FieldNotSharedNorEditable = [ReasonCode.FieldNotShared, ReasonCode.FieldNotEditable];
    private static readonly ReasonCode[] PurposeRequired = [ReasonCode.PurposeRequired];
    private static readonly ReasonCode[] UnknownPurpose = [ReasonCode.UnknownPurpose];

    private readonly Dictionary<string, PolicyRule> _rules;
    private readonly HashSet<string> _impliedPurposes;

    /// <param name="impliedPurposes">
    /// Purposes that rest on the business's legitimate interest, not on consent: a requested purpose among them (or
    /// below one) is allowed while the contact has no record for it, and denied once the customer objects (revokes)
    /// or a recorded grant expired.
    /// </param>
    public PolicyMatrix(int version, IEnumerable<PolicyRule> rules, IEnumerable<Purpose>? impliedPurposes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(rules);
        Version = version;
        _impliedPurposes = new HashSet<string>((impliedPurposes ?? []).Select(p => p.Key), StringComparer.Ordinal);
        _rules = new Dictionary<string, PolicyRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!_rules.TryAdd(rule.Action, rule))
            {
                throw new ArgumentException($"the action {rule.Action} appears twice", nameof(rules));
            }
        }
    }

    /// <summary>
    /// Version 4 of the built-in policy. Version 1 had no actions on a requested purpose; version 2 added them; version 3
    /// added <see cref="PolicyActions.ReadInteractions"/> and <see cref="Purpose.Crm"/> as an implied purpose, so that
    /// every read — also the business's own, which names no purpose — is a decision; version 4 adds the shared-record
    /// actions (send, receive, show, edit), which need the grant in effect (<see cref="Sharing.GrantConsent.SharedRecordPurpose"/>).
    /// </summary>
    public static PolicyMatrix Default { get; } = new(4,
    [
        new PolicyRule(PolicyActions.ReadContact, [], requiresRequestedPurpose: true),
        new PolicyRule(PolicyActions.ReadInteractions, [], requiresRequestedPurpose: true),
        new PolicyRule(PolicyActions.ExportContacts, [], requiresRequestedPurpose: true),
        new PolicyRule(PolicyActions.ReadConsent, [], requiresRequestedPurpose: true),
        new PolicyRule(PolicyActions.ScoreLead, [Purpose.Analytics]),
        new PolicyRule(PolicyActions.TrainModel, [Purpose.AiTraining]),
        new PolicyRule(PolicyActions.ExportForMarketing, [Purpose.Marketing]),
        new PolicyRule(PolicyActions.ShareExternally, [Purpose.DataShare]),
        new PolicyRule(PolicyActions.ReadSharedField, [], AccessLevel.View),
        new PolicyRule(PolicyActions.WriteSharedField, [], AccessLevel.Edit),
        new PolicyRule(PolicyActions.SendSharedRecord, [Sharing.GrantConsent.SharedRecordPurpose]),
        new PolicyRule(PolicyActions.ReceiveSharedRecord, [Sharing.GrantConsent.SharedRecordPurpose]),
        new PolicyRule(PolicyActions.ShowSharedRecord, [Sharing.GrantConsent.SharedRecordPurpose]),
        new PolicyRule(PolicyActions.EditSharedRecord, [Sharing.GrantConsent.SharedRecordPurpose]),
    ], [Purpose.Crm]);

    public int Version { get; }

    public IReadOnlyCollection<PolicyRule> Rules => _rules.Values;

    public IReadOnlyCollection<string> ImpliedPurposes => _impliedPurposes;

    /// <summary>Whether <paramref name="purpose"/> is, or lies below, an implied purpose: no record needed, only no objection.</summary>
    public bool IsImplied(Purpose purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        if (_impliedPurposes.Count == 0)
        {
            return false;
        }

        if (_impliedPurposes.Contains(purpose.Key))
        {
            return true;
        }

        foreach (var ancestor in purpose.AncestorKeys)
        {
            if (_impliedPurposes.Contains(ancestor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the matrix names <paramref name="purpose"/> or a purpose above it (a rule requires it, or it is implied):
    /// a consent for any other purpose is one no rule would ever read.
    /// </summary>
    public bool Knows(Purpose purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        if (IsImplied(purpose))
        {
            return true;
        }

        var named = _rules.Values.SelectMany(r => r.RequiredPurposes).Select(p => p.Key);
        return named.Any(key => key == purpose.Key || purpose.AncestorKeys.Contains(key));
    }

    /// <summary>The purposes the matrix names, top-level first, for messages that list them.</summary>
    public IReadOnlyList<string> NamedPurposes =>
        [.. _rules.Values.SelectMany(r => r.RequiredPurposes).Select(p => p.Key).Concat(_impliedPurposes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public PolicyRule? RuleFor(string action) => _rules.TryGetValue(action, out var rule) ? rule : null;

    public PolicyDecision Evaluate(string action, ConsentSnapshot snapshot, DateTimeOffset at, EnforcementMode mode, FieldKey? field = null, Purpose? purpose = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(snapshot);
        return _rules.TryGetValue(action, out var rule)
            ? Evaluate(rule, snapshot, at, mode, field, purpose)
            : new PolicyDecision(action, snapshot.Contact, field?.Key, at, mode, UnknownAction, Version, snapshot.Hash, purpose?.Key);
    }

    /// <summary>
    /// Decides an action whose purpose the caller gave as text. A purpose that is not a valid key denies with
    /// <see cref="ReasonCode.UnknownPurpose"/>, an unknown action with <see cref="ReasonCode.UnknownAction"/>; both
    /// deny in monitor mode too, since there is nothing a monitor could let through.
    /// </summary>
    public PolicyDecision Evaluate(string action, ConsentSnapshot snapshot, DateTimeOffset at, EnforcementMode mode, FieldKey? field, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!_rules.TryGetValue(action, out var rule))
        {
            return new PolicyDecision(action, snapshot.Contact, field?.Key, at, EnforcementMode.Enforce, UnknownAction, Version, snapshot.Hash, purpose);
        }

        if (string.IsNullOrEmpty(purpose))
        {
            return Evaluate(rule, snapshot, at, mode, field);
        }

        var parsed = Purpose.Parse(purpose);
        return parsed.IsSuccess
            ? Evaluate(rule, snapshot, at, mode, field, parsed.Value)
            : new PolicyDecision(action, snapshot.Contact, field?.Key, at, EnforcementMode.Enforce, UnknownPurpose, Version, snapshot.Hash, purpose);
    }

    /// <summary>Evaluates a rule already looked up with <see cref="RuleFor"/> (saves the lookup in tight loops).</summary>
    public PolicyDecision Evaluate(PolicyRule rule, ConsentSnapshot snapshot, DateTimeOffset at, EnforcementMode mode, FieldKey? field = null, Purpose? purpose = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(snapshot);
        var reasons = Allowed;
        if (rule.RequiresRequestedPurpose)
        {
            if (purpose is null)
            {
                reasons = PurposeRequired;
            }
            else if (snapshot.StatusAt(purpose, at) is var requested and not ConsentStatus.Granted
                && !(requested == ConsentStatus.Unknown && IsImplied(purpose)))
            {
                reasons = PolicyRule.ReasonsForRequested(purpose, requested);
            }
        }

        for (var i = 0; i < rule.PurposeCount; i++)
        {
            var status = snapshot.StatusAt(rule.PurposeAt(i), at);
            if (status != ConsentStatus.Granted)
            {
                reasons = Combine(reasons, rule.ReasonsFor(i, status));
            }
        }

        if (rule.RequiredFieldLevel is { } required)
        {
            reasons = Combine(reasons, FieldReasons(snapshot, field, at, required));
        }

        return new PolicyDecision(rule.Action, snapshot.Contact, field?.Key, at, mode, reasons, Version, snapshot.Hash, purpose?.Key);
    }

    /// <summary>
    /// Decides one use of a shared record on the grant's consent (<see cref="Sharing.GrantConsent.Snapshot"/>):
    /// <paramref name="action"/> for the record, <paramref name="fieldAction"/> for each of <paramref name="fields"/>
    /// (shared-record keys). Always enforced: the grant is the customer's signed word to the other node, which the
    /// protocol keeps whatever mode the business runs its own reads in.
    /// </summary>
    public SharedRecordDecision DecideSharedRecord(string action, string fieldAction, ConsentSnapshot snapshot, IEnumerable<string> fields, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fieldAction);
        ArgumentNullException.ThrowIfNull(fields);
        var record = Evaluate(action, snapshot, at, EnforcementMode.Enforce);
        var decided = new List<KeyValuePair<string, PolicyDecision>>();
        foreach (var key in fields.Distinct(StringComparer.Ordinal))
        {
            decided.Add(KeyValuePair.Create(key, Evaluate(fieldAction, snapshot, at, EnforcementMode.Enforce, Sharing.GrantConsent.FieldOf(key))));
        }

        return new SharedRecordDecision(record, fieldAction, decided);
    }

    /// <summary>One decision per snapshot, written into <paramref name="decisions"/> (same length).</summary>
    public void EvaluateBatch(string action, ReadOnlySpan<ConsentSnapshot> snapshots, DateTimeOffset at, EnforcementMode mode, Span<PolicyDecision> decisions, FieldKey? field = null, Purpose? purpose = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (decisions.Length < snapshots.Length)
        {
            throw new ArgumentException("the decision buffer is shorter than the snapshots", nameof(decisions));
        }

        var rule = RuleFor(action);
        for (var i = 0; i < snapshots.Length; i++)
        {
            decisions[i] = rule is null
                ? Evaluate(action, snapshots[i], at, mode, field, purpose)
                : Evaluate(rule, snapshots[i], at, mode, field, purpose);
        }
    }

    private static ReasonCode[] FieldReasons(ConsentSnapshot snapshot, FieldKey? field, DateTimeOffset at, AccessLevel required)
    {
        if (field is null)
        {
            return FieldRequired;
        }

        var level = snapshot.LevelAt(field, at);
        if (level >= required)
        {
            return Allowed;
        }

        if (required == AccessLevel.View)
        {
            return FieldNotShared;
        }

        return level == AccessLevel.None ? FieldNotSharedNorEditable : FieldNotEditable;
    }

    private static ReasonCode[] Combine(ReasonCode[] first, ReasonCode[] second)
    {
        if (second.Length == 0)
        {
            return first;
        }

        if (first.Length == 0)
        {
            return second;
        }

        // Only when several requirements fail at once; the common single-failure path shares arrays.
        var combined = new ReasonCode[first.Length + second.Length];
        first.CopyTo(combined, 0);
        second.CopyTo(combined, first.Length);
        return combined;
    }
}
