using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Policy.Gate;

/// <summary>
/// The one place that decides whether personal data may be used. Every use case that reads or uses a contact's data
/// for a purpose asks the gate: the gate reads the contact's current consent, evaluates the versioned policy matrix
/// and has the decision — allow or deny — audited before the caller may answer:
/// <list type="bullet">
/// <item>a use case that writes passes its <see cref="IUnitOfWork"/>; the decision is appended in that transaction,
/// and the caller answers only after its commit;</item>
/// <item>a use case that only reads passes its read-only <see cref="IReadUnitOfWork"/>; the decision goes to the
/// <see cref="IAuditJournal"/>, which group-commits it with other callers' decisions, and the gate returns only once
/// it is durable.</item>
/// </list>
/// Either way no answer leaves the node without its audit entry; if the audit write fails, the caller gets a
/// <see cref="StoreUnavailableException"/> and answers <see cref="AuditUnavailable"/> instead of the data. When the
/// node has no policy it can read (<see cref="IPolicySource.Current"/> failed), every decision is a denial for
/// <see cref="ReasonCode.PolicyUnavailable"/>, audited like any other, until the policy reads again.
/// </summary>
public sealed class ConsentGate(IPolicySource policy, IAuditJournal journal, EnforcementMode mode = EnforcementMode.Enforce)
{
    private readonly IAuditJournal _journal = journal ?? throw new ArgumentNullException(nameof(journal));
    private readonly IPolicySource _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    public ConsentGate(PolicyMatrix policy, IAuditJournal journal, EnforcementMode mode = EnforcementMode.Enforce)
        : this(new FixedPolicy(policy), journal, mode)
    {
    }

    /// <summary>The policy in force, or — while the node has none it can read — the built-in one, for what is no decision (which purposes need a record).</summary>
    public PolicyMatrix Policy => _policy.Current is { IsSuccess: true } current ? current.Value : PolicyMatrix.Default;

    /// <summary>Why the node has no policy now (every decision denies), or null.</summary>
    public string? PolicyProblem => _policy.Current is { IsFailure: true } failed ? failed.Error.Message : null;

    public EnforcementMode Mode { get; } = mode;

    /// <summary>Decides <paramref name="request"/> for one contact inside a write transaction and audits the decision there.</summary>
    public async Task<PolicyDecision> DecideAsync(IUnitOfWork work, ContactId contact, GateRequest request, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = ConsentSnapshot.Create(contact, await work.Consents.CurrentAsync(contact, cancellationToken).ConfigureAwait(false));
        var decision = Evaluate(snapshot, request, at);
        await work.Audit.AppendAsync(PolicyAuditEvents.For(decision, request.Actor), cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>Decides <paramref name="request"/> for one contact read in a snapshot; returns once the decision is durable.</summary>
    public async Task<PolicyDecision> DecideAsync(IReadUnitOfWork work, ContactId contact, GateRequest request, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = ConsentSnapshot.Create(contact, await work.Consents.CurrentAsync(contact, cancellationToken).ConfigureAwait(false));
        return await DecideAsync(snapshot, request, at, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decides on a consent snapshot the caller read (and shows from); returns once the decision is durable.</summary>
    public async Task<PolicyDecision> DecideAsync(ConsentSnapshot snapshot, GateRequest request, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var decision = Evaluate(snapshot, request, at);
        await _journal.RecordAsync([PolicyAuditEvents.For(decision, request.Actor)], cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>
    /// Decides one use of a shared record on its grant (<see cref="GrantConsent.Snapshot"/>) inside a write
    /// transaction, and appends the one compact entry for it there (<see cref="SharedRecordRequest.TouchesData"/>):
    /// the caller answers only after its commit.
    /// </summary>
    public async Task<SharedRecordDecision> DecideAsync(IUnitOfWork work, SharedRecordRequest request, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var decision = Decide(request, at);
        if (IsWritten(request, decision))
        {
            await work.Audit.AppendAsync(PolicyAuditEvents.ForSharedRecord(decision, request.Actor, request.Subject, request.Contact), cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    /// <summary>Decides one use of a shared record read in a snapshot; returns once its entry is durable.</summary>
    public async Task<SharedRecordDecision> DecideAsync(SharedRecordRequest request, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var decision = Decide(request, at);
        if (IsWritten(request, decision))
        {
            await _journal.RecordAsync([PolicyAuditEvents.ForSharedRecord(decision, request.Actor, request.Subject, request.Contact)], cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    private static bool IsWritten(SharedRecordRequest request, SharedRecordDecision decision) => request.TouchesData || !decision.Allowed;

    private SharedRecordDecision Decide(SharedRecordRequest request, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = GrantConsent.Snapshot(request.Grant, at);
        return _policy.Current is { IsSuccess: true } policy
            ? policy.Value.DecideSharedRecord(request.Action, request.FieldAction, snapshot, request.Fields, at)
            : SharedRecordDecision.Unavailable(request.Action, request.FieldAction, snapshot, request.Fields, at);
    }

    /// <summary>
    /// The purpose a contact must hold a consent record for to be worth deciding for <paramref name="purpose"/>, or
    /// null when every contact is a candidate (an implied purpose such as crm needs no record, only no objection).
    /// </summary>
    public Purpose? RecordNeededFor(Purpose purpose) => Policy.IsImplied(purpose) ? null : purpose;

    /// <summary>Whether the policy could not even evaluate the request (no or no valid purpose, unknown action): the caller's mistake.</summary>
    public static bool IsInvalidRequest(in PolicyDecision decision) =>
        decision.PrimaryReason is { IsInvalidRequest: true };

    /// <summary>
    /// Decides <paramref name="request"/> for many contacts at one instant: their consent is read in one query and
    /// the decisions, one per contact, are recorded as one batch; returns once they are durable.
    /// </summary>
    public Task<IReadOnlyList<PolicyDecision>> DecideManyAsync(
        IReadUnitOfWork work, IReadOnlyList<ContactId> contacts, GateRequest request, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        DecideInOrderAsync(work, contacts, request, at, wanted: int.MaxValue, cancellationToken);

    /// <summary>
    /// Decides <paramref name="request"/> for <paramref name="candidates"/> in order until <paramref name="wanted"/> of
    /// them are allowed, and audits exactly the decisions made, as one compact entry naming each contact, durably. The
    /// result covers a prefix of the candidates; those after it were neither decided nor audited and must not be used.
    /// Lets a page fetch a few candidates more than it needs (to know whether more follow) without deciding on
    /// contacts it does not cover.
    /// </summary>
    public async Task<IReadOnlyList<PolicyDecision>> DecideInOrderAsync(
        IReadUnitOfWork work, IReadOnlyList<ContactId> candidates, GateRequest request, DateTimeOffset at, int wanted, CancellationToken cancellationToken = default)
    {
        var bulk = BeginBulk(request, at);
        var decisions = await bulk.DecideInOrderAsync(work, candidates, wanted, cancellationToken).ConfigureAwait(false);
        await bulk.RecordAsync(cancellationToken).ConfigureAwait(false);
        return decisions;
    }

    /// <summary>
    /// Starts a bulk read that decides in several steps (a page that needs more candidates) and is audited as one entry:
    /// the caller must <see cref="BulkDecisions.RecordAsync"/> before it answers with anything decided.
    /// </summary>
    public BulkDecisions BeginBulk(GateRequest request, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new BulkDecisions(this, request, at);
    }

    internal Task RecordAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) => _journal.RecordAsync(events, cancellationToken);

    /// <summary>The error a use case returns for a decision that does not allow the action.</summary>
    public static Error Denial(in PolicyDecision decision)
    {
        var reason = decision.PrimaryReason ?? throw new ArgumentException("a permitted decision is no denial", nameof(decision));
        var what = decision.Purpose is { } purpose ? $"{decision.Action} for {purpose}" : decision.Action;
        if (reason == ReasonCode.PolicyUnavailable)
        {
            return new Error(reason.Error, $"no decision on {what} for contact {decision.Contact} could be made: the node has no policy it can read (see its policy file); nothing was used");
        }

        var message = $"the consent of contact {decision.Contact} does not allow {what} ({string.Join(", ", decision.Reasons)}; policy v{decision.PolicyVersion})";
        return new Error(reason.Error, message, reason == ReasonCode.UnknownAction ? "action" : "purpose");
    }

    internal PolicyDecision Evaluate(ConsentSnapshot snapshot, GateRequest request, DateTimeOffset at) =>
        _policy.Current is { IsSuccess: true } policy
            ? policy.Value.Evaluate(request.Action, snapshot, at, request.Mode ?? Mode, request.Field, request.Purpose)
            : PolicyDecision.Unavailable(request.Action, snapshot.Contact, at, snapshot.Hash, request.Purpose, request.Field?.Key);

    /// <summary>The failure when the decision could not be made durable: nothing is answered.</summary>
    public static Error AuditUnavailable(StoreUnavailableException cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new Error(PolicyErrors.AuditUnavailable, $"the policy decision could not be written to the audit log, so nothing was read: {cause.Message}");
    }
}
