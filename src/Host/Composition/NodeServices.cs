using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Common;

namespace Rapport.Host.Composition;

/// <summary>The ports of one node, wired to their adapters. Commands build the use cases they need from these.</summary>
public sealed record NodeServices(DataDirectory Data, SqliteDatabase Database, IUnitOfWorkFactory UnitOfWork, IClock Clock, IIdGenerator Ids)
{
    /// <summary>Opens an initialised node's store; fails with a clear message when the data dir has no database.</summary>
    public static async Task<NodeServices> OpenAsync(DataDirectory data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var database = await SqliteDatabase.OpenAsync(data.DatabasePath, create: false, cancellationToken).ConfigureAwait(false);
        return new NodeServices(data, database, new SqliteUnitOfWorkFactory(database), new SystemClock(), new TimeOrderedIds());
    }
}
