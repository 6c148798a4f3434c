using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Consent;

public sealed class SqliteConsentStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 8, 30, 0, TimeSpan.Zero);
    private static readonly ContactId Contact = new(Guid.NewGuid());

    private static ConsentGrant Issue(ConsentGrant? previous, Purpose purpose, ConsentSource source, DateTimeOffset? until = null) =>
        ConsentGrant.Issue(
            previous, Contact, purpose, LegalBasis.LegitimateInterest, source,
            [new(FieldKey.Parse("email").Value, AccessLevel.Edit), new(FieldKey.Parse("custom.*").Value, AccessLevel.View)],
            T0, T0.AddHours(1), until).Value;

    private static async Task<Result<Unit>> SaveAsync(TempDatabase db, ConsentGrant grant)
    {
        await using var work = await db.Factory.BeginAsync();
        var result = await work.Consents.AppendAsync(grant);
        await work.CommitAsync();
        return result;
    }

    [Fact]
    public async Task Versions_round_trip_exactly()
    {
        await using var db = await TempDatabase.CreateAsync();
        var first = Issue(null, Purpose.Marketing, new ConsentSource.Collected(CollectionChannel.Call, "call #42"), T0.AddDays(30));
        var signed = Issue(null, Purpose.Analytics, new ConsentSource.SignedByCustomer("ab12"));
        var revoked = first.Revoke(T0.AddDays(2)).Value;
        Assert.True((await SaveAsync(db, first)).IsSuccess);
        Assert.True((await SaveAsync(db, signed)).IsSuccess);
        Assert.True((await SaveAsync(db, revoked)).IsSuccess);

        await using var work = await db.Factory.BeginAsync();
        var current = await work.Consents.CurrentAsync(Contact);
        var history = await work.Consents.HistoryAsync(Contact);
        var one = await work.Consents.CurrentAsync(Contact, Purpose.Marketing);

        Assert.Equal(["analytics", "marketing"], current.Select(g => g.Purpose.Key));
        Assert.Equal(3, history.Count);
        Assert.Equal(revoked.Version, one!.Version);
        Assert.Equal(revoked.RevokedAt, one.RevokedAt);
        Assert.Equal(first.ExpiresAt, one.ExpiresAt);
        Assert.Equal(first.Source, history.Single(g => g.Purpose == Purpose.Marketing && g.Version == 1).Source);
        Assert.Equal(signed.Source, current[0].Source);
        Assert.Equal(first.Fields, one.Fields);
        Assert.Equal(LegalBasis.LegitimateInterest, one.Basis);
        // Snapshot hash over the stored state equals the one over the in-memory state: nothing was lost or reformatted.
        Assert.Equal(ConsentSnapshot.Create(Contact, [signed, revoked]).Hash, ConsentSnapshot.Create(Contact, current).Hash);
        Assert.Null(await work.Consents.CurrentAsync(new ContactId(Guid.NewGuid()), Purpose.Marketing));
    }

    [Fact]
    public async Task A_version_not_above_the_stored_one_is_rejected()
    {
        await using var db = await TempDatabase.CreateAsync();
        var first = Issue(null, Purpose.DataShare, new ConsentSource.Collected(CollectionChannel.Form, null));
        var second = Issue(first, Purpose.DataShare, new ConsentSource.Collected(CollectionChannel.Import, "batch 7"));
        Assert.True((await SaveAsync(db, second)).IsSuccess);

        var stale = await SaveAsync(db, first);
        Assert.Equal(ConsentErrors.VersionConflict, stale.Error.Code);
        var again = await SaveAsync(db, second);
        Assert.Equal(ConsentErrors.VersionConflict, again.Error.Code);

        await using var work = await db.Factory.BeginAsync();
        Assert.Single(await work.Consents.HistoryAsync(Contact));
    }

    [Fact]
    public async Task Uncommitted_changes_are_rolled_back()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Consents.AppendAsync(Issue(null, Purpose.Marketing, new ConsentSource.Collected(CollectionChannel.Form, null)));
        }

        await using var check = await db.Factory.BeginAsync();
        Assert.Empty(await check.Consents.HistoryAsync(Contact));
    }
}
