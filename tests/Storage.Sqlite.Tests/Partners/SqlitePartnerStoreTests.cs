using Rapport.Adapters.Storage.Sqlite.Tests.Consent;
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
}
