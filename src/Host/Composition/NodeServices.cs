using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Policy;

namespace Rapport.Host.Composition;

/// <summary>The ports of one node, wired to their adapters. Commands build the use cases they need from these.</summary>
public sealed record NodeServices(DataDirectory Data, SqliteDatabase Database, IUnitOfWorkFactory UnitOfWork, IClock Clock, IIdGenerator Ids)
{
    /// <summary>The node's one consent gate: every use of personal data is decided and audited by it.</summary>
    public ConsentGate Gate { get; init; } = new(PolicyMatrix.Default, Database.Journal);

    /// <summary>Where decisions made on read-only snapshots and partner calls are audited, group-committed.</summary>
    public IAuditJournal Journal => Database.Journal;

    /// <summary>Opens an initialised node's store; fails with a clear message when the data dir has no database.</summary>
    public static async Task<NodeServices> OpenAsync(DataDirectory data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var database = await SqliteDatabase.OpenAsync(data.DatabasePath, create: false, cancellationToken).ConfigureAwait(false);
        return new NodeServices(data, database, new SqliteUnitOfWorkFactory(database), new SystemClock(), new TimeOrderedIds());
    }
}
