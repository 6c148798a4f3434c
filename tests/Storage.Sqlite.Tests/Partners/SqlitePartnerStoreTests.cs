using Rapport.Application.Partners;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Partners;

public sealed class SqlitePartnerStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Partners_round_trip_are_found_by_name_and_key_id_and_update()
    {
        await using var db = await TempDatabase.CreateAsync();
        var (_, keyId, hash) = PartnerKey.Generate();
        var partner = new Partner("mailer", keyId, hash, PartnerScopes.Parse("deals:write,contacts:read").Value, RateLimit.Parse("600/m").Value, T0);
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Partners.AddAsync(partner);
            await work.CommitAsync();
        }

        await using (var work = await db.Factory.BeginAsync())
        {
            var byName = await work.Partners.FindByNameAsync("mailer");
            var byKey = await work.Partners.FindByKeyIdAsync(keyId);
            Assert.NotNull(byName);
            Assert.Equal(partner.Scopes, byName.Scopes);
            Assert.Equal(partner.Rate, byName.Rate);
            Assert.Equal(T0, byName.CreatedAt);
            Assert.Equal(hash, byKey!.KeyHash);
            Assert.Null(await work.Partners.FindByKeyIdAsync("000000000000"));
            await work.Partners.UpdateAsync(byName with { RevokedAt = T0.AddDays(1) });
            await work.CommitAsync();
        }

        await using (var work = await db.Factory.BeginAsync())
        {
            var all = await work.Partners.ListAsync();
            Assert.Equal(T0.AddDays(1), Assert.Single(all).RevokedAt);
        }
    }

    [Fact]
    public async Task The_partner_version_moves_with_every_change_by_any_writer()
    {
        await using var db = await TempDatabase.CreateAsync();
        var (key, keyId, hash) = PartnerKey.Generate();
        var directory = new PartnerDirectory(db.Factory);
        Assert.Null(await directory.FindByKeyIdAsync(keyId));

        long before;
        await using (var read = await db.Factory.BeginReadAsync())
        {
            before = await read.Partners.VersionAsync();
        }

        // Added by a writer of its own (as `rapport partners add` beside a running node would), straight in SQL.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO partner (name, key_id, key_hash, scopes, rate_per_sec, rate_burst, created_at) VALUES ('mailer', $id, $hash, 'contacts:read', 10, 10, '2026-03-01T09:00:00.0000000Z')";
            insert.Parameters.AddWithValue("$id", keyId);
            insert.Parameters.AddWithValue("$hash", hash);
            await insert.ExecuteNonQueryAsync();
        }

        await using (var read = await db.Factory.BeginReadAsync())
        {
            Assert.Equal(before + 1, await read.Partners.VersionAsync());
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await directory.FindByKeyIdAsync(keyId) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the directory never saw the new partner");
            await Task.Delay(PartnerDirectory.RefreshInterval / 5);
        }

        Assert.True(PartnerKey.Matches(key, (await directory.FindByKeyIdAsync(keyId))!.KeyHash));
    }
}
