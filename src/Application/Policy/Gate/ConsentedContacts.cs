using System.Runtime.CompilerServices;
using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Policy.Gate;

/// <summary>
/// Walks every contact the gate allows a bulk's action: only contacts holding a consent record for the action's purpose
/// are candidates; each page of them is decided in order on the caller's snapshot and only the allowed are yielded.
/// The caller records the bulk (<see cref="BulkDecisions.RecordAsync"/>) before anything it derived leaves.
/// </summary>
public static class ConsentedContacts
{
    /// <summary>Candidates read and decided per step.</summary>
    public const int StepSize = 1_000;

    public static async IAsyncEnumerable<Contact> AllowedAsync(
        IReadUnitOfWork work,
        ConsentGate gate,
        BulkDecisions bulk,
        string action,
        Action<int>? decided = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var candidatesFor = gate.Policy.RuleFor(action)?.RequiredPurposes.FirstOrDefault() ?? Purpose.Analytics;
        ContactCursor? after = null;
        while (true)
        {
            var candidates = await work.Contacts.PageAsync(new ContactPageQuery(new ContactFilter(), after, StepSize, candidatesFor), cancellationToken).ConfigureAwait(false);
            if (candidates.Count == 0)
            {
                yield break;
            }

            var decisions = await bulk.DecideInOrderAsync(work, [.. candidates.Select(c => c.Id)], candidates.Count, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < decisions.Count; i++)
            {
                if (decisions[i].Allowed)
                {
                    yield return candidates[i];
                }
            }

            decided?.Invoke(bulk.Count);
            after = ContactCursor.After(candidates[^1], ContactOrder.ByName);
            if (candidates.Count < StepSize)
            {
                yield break;
            }
        }
    }
}
