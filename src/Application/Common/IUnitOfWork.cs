using Rapport.Application.Audit;
using Rapport.Application.Consent;
using Rapport.Application.Contacts;
using Rapport.Application.Interactions;
using Rapport.Application.Partners;
using Rapport.Application.Peers;
using Rapport.Application.Pipeline;
using Rapport.Application.Scoring.Cache;
using Rapport.Application.Scoring.Models;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;

namespace Rapport.Application.Common;

/// <summary>
/// A consistent snapshot of the store for a use case that only reads: it takes no write lock, so reads never queue
/// behind writers or each other. Its stores must only be read (the adapter refuses writes). A decision made on it is
/// audited through the <see cref="IAuditJournal"/>, durably, before the answer is returned. Disposing ends the snapshot.
/// </summary>
public interface IReadUnitOfWork : IAsyncDisposable
{
    IAuditStore Audit { get; }

    IContactStore Contacts { get; }

    IInteractionStore Interactions { get; }

    IPipelineStore Pipelines { get; }

    IDealStore Deals { get; }

    IConsentStore Consents { get; }

    ISharingStore Sharing { get; }

    IPartnerStore Partners { get; }

    ISharedRecordStore SharedRecords { get; }

    IProfileStore Profile { get; }

    IPeerAddressBook Peers { get; }

    IModelStore Models { get; }

    IScoreCache Scores { get; }
}

/// <summary>
/// One transaction per use case that writes: every store reached through a unit of work shares its transaction,
/// and nothing is visible to others until <see cref="CommitAsync"/>. Disposing without commit rolls back.
/// Feature slices add their store to <see cref="IReadUnitOfWork"/>.
/// </summary>
public interface IUnitOfWork : IReadUnitOfWork
{
    Task CommitAsync(CancellationToken cancellationToken = default);
}

public interface IUnitOfWorkFactory
{
    /// <summary>Begins a write transaction (it holds the store's write lock until commit or dispose).</summary>
    Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default);

    /// <summary>Begins a read-only snapshot (no write lock).</summary>
    Task<IReadUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default);
}
