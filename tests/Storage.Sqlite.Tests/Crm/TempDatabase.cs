using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Crm;

/// <summary>A real SQLite file in its own temp directory, deleted afterwards.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string directory, SqliteDatabase database)
    {
        Directory = directory;
        Database = database;
        UnitOfWork = new SqliteUnitOfWorkFactory(database);
    }

    public string Directory { get; }

    public SqliteDatabase Database { get; }

    public SqliteUnitOfWorkFactory UnitOfWork { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rapport-sqlite-crm-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        return new TempDatabase(dir, await SqliteDatabase.OpenAsync(Path.Combine(dir, "rapport.db"), create: true));
    }

    public static Contact Contact(string name, string? email = null, DateTimeOffset? at = null, params string[] tags) =>
        Domain.Contacts.Contact.Create(
            new ContactId(Guid.NewGuid()),
            new ContactDetails(PersonName.Create(name).Value, email is null ? null : EmailAddress.Create(email).Value, null, null,
                TagSet.Parse(tags).Value, CustomFields.Empty, null),
            at ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
