using Rapport.Application.Audit;
using Rapport.Application.Consent;
using Rapport.Application.Contacts;
using Rapport.Application.Interactions;
using Rapport.Application.Partners;
using Rapport.Application.Pipeline;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;

namespace Rapport.Application.Common;

/// <summary>
/// One transaction per use case: every store reached through a unit of work shares its transaction,
/// and nothing is visible to others until <see cref="CommitAsync"/>. Disposing without commit rolls back.
/// Feature slices add their store to this interface.
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
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

    Task CommitAsync(CancellationToken cancellationToken = default);
}

public interface IUnitOfWorkFactory
{
    Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default);
}
