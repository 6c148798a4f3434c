using Rapport.Domain.Contacts;

namespace Rapport.Application.Scoring.Cache;

/// <summary>
/// The scores batch scoring keeps. The store removes a contact's scores when anything they were made from changes
/// (the contact, an interaction, a deal, a consent record) and a kind's scores when a new model of it is trained, in
/// the transaction of the change: a cached score is never older than its inputs. Reading one still needs the gate.
/// </summary>
public interface IScoreCache
{
    /// <summary>
    /// How many times each contact's score inputs have changed (0: never), read on the snapshot the scores are made
    /// from, so <see cref="PutAsync"/> keeps only scores whose inputs have not changed since.
    /// </summary>
    Task<IReadOnlyDictionary<ContactId, long>> InputsVersionsAsync(IReadOnlyList<ContactId> contacts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps each score whose contact's inputs are still at <see cref="CachedScore.InputsVersion"/>, replacing what was
    /// kept for the same contact, kind and subject; a score of a changed or deleted contact is dropped. Returns how many were kept.
    /// </summary>
    Task<int> PutAsync(IReadOnlyList<CachedScore> scores, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CachedScore>> ForContactAsync(ContactId contact, CancellationToken cancellationToken = default);
}
