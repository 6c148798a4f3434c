using Rapport.Application.Common;

namespace Rapport.Adapters.Storage.Sqlite;

public sealed class SqliteUnitOfWorkFactory(SqliteDatabase database) : IUnitOfWorkFactory
{
    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default) =>
        await SqliteDatabase.Translate(database.Path, async () =>
            (IUnitOfWork)await SqliteUnitOfWork.BeginAsync(database, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    public async Task<IReadUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default) =>
        await SqliteDatabase.Translate(database.Path, async () =>
            (IReadUnitOfWork)await SqliteUnitOfWork.BeginReadAsync(database, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
}
