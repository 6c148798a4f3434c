using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Application.Partners;

namespace Rapport.Adapters.Storage.Sqlite.Partners;

internal sealed class SqlitePartnerStore(SqliteUnitOfWork unitOfWork) : IPartnerStore
{
    private const string Columns = "name, key_id, key_hash, scopes, rate_per_sec, rate_burst, created_at, revoked_at";
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public async Task<Partner?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var found = await ReadAsync($"SELECT {Columns} FROM partner WHERE name = $p", name, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<Partner?> FindByKeyIdAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var found = await ReadAsync($"SELECT {Columns} FROM partner WHERE key_id = $p", keyId, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM partner ORDER BY name", null, cancellationToken);

    public async Task<long> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("SELECT version FROM partner_changes WHERE id = 1");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task AddAsync(Partner partner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partner);
        await using var command = unitOfWork.Command(
            "INSERT INTO partner (name, key_id, key_hash, scopes, rate_per_sec, rate_burst, created_at, revoked_at) VALUES ($name, $key_id, $key_hash, $scopes, $rate, $burst, $created, $revoked)");
        Bind(command, partner);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Partner partner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partner);
        await using var command = unitOfWork.Command(
            "UPDATE partner SET key_id = $key_id, key_hash = $key_hash, scopes = $scopes, rate_per_sec = $rate, rate_burst = $burst, created_at = $created, revoked_at = $revoked WHERE name = $name");
        Bind(command, partner);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Bind(SqliteCommand command, Partner partner)
    {
        command.Parameters.AddWithValue("$name", partner.Name);
        command.Parameters.AddWithValue("$key_id", partner.KeyId);
        command.Parameters.AddWithValue("$key_hash", partner.KeyHash);
        command.Parameters.AddWithValue("$scopes", string.Join(',', partner.Scopes));
        command.Parameters.AddWithValue("$rate", partner.Rate.PerSecond);
        command.Parameters.AddWithValue("$burst", partner.Rate.Burst);
        command.Parameters.AddWithValue("$created", Format(partner.CreatedAt));
        command.Parameters.AddWithValue("$revoked", partner.RevokedAt is { } r ? Format(r) : DBNull.Value);
    }

    private async Task<IReadOnlyList<Partner>> ReadAsync(string sql, string? parameter, CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command(sql);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$p", parameter);
        }

        var partners = new List<Partner>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var scopes = PartnerScopes.Parse(reader.GetString(3));
            var rate = RateLimit.Create(reader.GetDouble(4), reader.GetInt32(5));
            if (scopes.IsFailure || rate.IsFailure)
            {
                throw new InvalidDataException($"partner '{reader.GetString(0)}' has invalid stored scopes or rate");
            }

            partners.Add(new Partner(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                scopes.Value,
                rate.Value,
                Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : Parse(reader.GetString(7))));
        }

        return partners;
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
