using Rapport.Application.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.Gate;

/// <summary>
/// The decisions of one bulk read (a page, a list), made step by step on the read's snapshot and audited as one
/// compact entry (<see cref="PolicyAuditEvents.ForMany"/>) by <see cref="RecordAsync"/>, which the read awaits before
/// it answers: nothing decided here may leave the node before that entry is durable.
/// </summary>
public sealed class BulkDecisions
{
    private readonly ConsentGate _gate;
    private readonly GateRequest _request;
    private readonly DateTimeOffset _at;
    private readonly List<PolicyDecision> _decided = [];

    internal BulkDecisions(ConsentGate gate, GateRequest request, DateTimeOffset at) => (_gate, _request, _at) = (gate, request, at);

    /// <summary>How many contacts were decided so far.</summary>
    public int Count => _decided.Count;

    /// <summary>
    /// Decides for <paramref name="candidates"/> in order until <paramref name="wanted"/> of them are allowed; the result
    /// covers a prefix of the candidates, and only those are part of the entry.
    /// </summary>
    public async Task<IReadOnlyList<PolicyDecision>> DecideInOrderAsync(
        IReadUnitOfWork work, IReadOnlyList<ContactId> candidates, int wanted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(wanted);
        if (candidates.Count == 0)
        {
            return [];
        }

        var current = await work.Consents.CurrentAsync(candidates, cancellationToken).ConfigureAwait(false);
        var decisions = new List<PolicyDecision>(Math.Min(candidates.Count, wanted));
        var allowed = 0;
        for (var i = 0; i < candidates.Count && allowed < wanted; i++)
        {
            var snapshot = current.TryGetValue(candidates[i], out var grants) ? ConsentSnapshot.Create(candidates[i], grants) : ConsentSnapshot.Empty(candidates[i]);
            var decision = _gate.Evaluate(snapshot, _request, _at);
            decisions.Add(decision);
            if (decision.Allowed)
            {
                allowed++;
            }
        }

        _decided.AddRange(decisions);
        return decisions;
    }

    /// <summary>Writes the one entry for everything decided (none when nothing was) and returns once it is durable.</summary>
    /// <exception cref="StoreUnavailableException">The entry could not be written: nothing decided may be answered.</exception>
    public async Task RecordAsync(CancellationToken cancellationToken = default)
    {
        if (_decided.Count > 0)
        {
            await _gate.RecordAsync([PolicyAuditEvents.ForMany(_decided, _request.Actor)], cancellationToken).ConfigureAwait(false);
        }
    }
}
