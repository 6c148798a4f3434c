using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite.Migrations;
using Rapport.Application.Common;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Database;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-db-").FullName;

    private string DbPath => Path.Combine(_dir, "rapport.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_new_database_is_migrated_to_the_current_version_in_wal_mode()
    {
        await SqliteDatabase.OpenAsync(DbPath);

        Assert.Equal(Schema.CurrentVersion, await ScalarAsync("PRAGMA user_version"));
        Assert.Equal("wal", await TextAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Opening_twice_keeps_the_data_and_the_version()
    {
        await SqliteDatabase.OpenAsync(DbPath);
        await ExecuteAsync("INSERT INTO contacts (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 0, 0)");

        await SqliteDatabase.OpenAsync(DbPath);

        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM contacts"));
        Assert.Equal(Schema.CurrentVersion, await ScalarAsync("PRAGMA user_version"));
    }

    [Fact]
    public async Task A_database_written_by_a_newer_rapport_is_refused_and_left_untouched()
    {
        await SqliteDatabase.OpenAsync(DbPath);
        var newer = Schema.CurrentVersion + 1;
        await ExecuteAsync($"PRAGMA user_version = {newer}");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteDatabase.OpenAsync(DbPath));

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade rapport", error.Message, StringComparison.Ordinal);
        Assert.Equal(newer, await ScalarAsync("PRAGMA user_version"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_reported_as_corrupted()
    {
        await File.WriteAllTextAsync(DbPath, new string('x', 4096));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteDatabase.OpenAsync(DbPath));

        Assert.Contains("corrupted or not a rapport database", error.Message, StringComparison.Ordinal);
        Assert.Equal(new string('x', 4096), await File.ReadAllTextAsync(DbPath));
    }

    [Fact]
    public async Task A_missing_database_is_not_created_when_creation_is_not_asked_for()
    {
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteDatabase.OpenAsync(DbPath, create: false));

        Assert.Contains("rapport init", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public async Task A_database_locked_by_another_writer_is_reported_as_locked()
    {
        var factory = new SqliteUnitOfWorkFactory(await SqliteDatabase.OpenAsync(DbPath));
        await using var holder = await factory.BeginAsync();
        await holder.Audit.AppendAsync(new Rapport.Domain.Audit.AuditEvent(DateTimeOffset.UnixEpoch, "test", "test.hold", "lock", null, ""));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
        {
            await using var second = await factory.BeginAsync();
            await second.Audit.AppendAsync(new Rapport.Domain.Audit.AuditEvent(DateTimeOffset.UnixEpoch, "test", "test.wait", "lock", null, ""));
        });

        Assert.Contains("locked by another process", error.Message, StringComparison.Ordinal);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await RawAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> TextAsync(string sql) => Convert.ToString(await RawAsync(sql), System.Globalization.CultureInfo.InvariantCulture)!;

    private async Task<object?> RawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
