using Rapport.Application.Common;

namespace Rapport.Adapters.Storage.Sqlite;

public sealed class SqliteUnitOfWorkFactory(SqliteDatabase database) : IUnitOfWorkFactory
{
    /// <summary>The database the units of work run on (its audit journal serves read-only decisions).</summary>
    public SqliteDatabase Database => database;

    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default) =>
        await SqliteDatabase.Translate(database.Path, async () =>
            (IUnitOfWork)await SqliteUnitOfWork.BeginAsync(database, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    public async Task<IReadUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default) =>
        await SqliteDatabase.Translate(database.Path, async () =>
            (IReadUnitOfWork)await SqliteUnitOfWork.BeginReadAsync(database, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
}
