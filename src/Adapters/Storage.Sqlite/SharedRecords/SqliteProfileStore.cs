using Rapport.Application.SharedRecords;

namespace Rapport.Adapters.Storage.Sqlite.SharedRecords;

internal sealed class SqliteProfileStore(SqliteUnitOfWork unitOfWork) : IProfileStore
{
    public async Task<IReadOnlyDictionary<string, string>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT key, value FROM customer_profile ORDER BY key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var profile = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            profile[reader.GetString(0)] = reader.GetString(1);
        }

        return profile;
    }

    public async Task<string?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT value FROM customer_profile WHERE key = $key");
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task SetAsync(string key, string? value, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command(value is null
            ? "DELETE FROM customer_profile WHERE key = $key"
            : "INSERT INTO customer_profile (key, value, updated_at) VALUES ($key, $value, $at) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
        command.Parameters.AddWithValue("$key", key);
        if (value is not null)
        {
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$at", at.UtcTicks);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
