using Rapport.Adapters.Storage.Sqlite.Tests.Crm;
using Rapport.Application.Scoring.Cache;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Scoring;

/// <summary>The score cache on a real SQLite file: what a change removes, and what a score made before a change cannot bring back.</summary>
public sealed class ScoreCacheTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_score_made_before_its_contact_changed_is_not_kept()
    {
        await using var db = await TempDatabase.CreateAsync();
        var ada = TestContacts.Contact("Ada", "ada@example.org");
        var bob = TestContacts.Contact("Bob", "bob@example.org");
        await AddAsync(db, ada, bob);

        // The batch reads its snapshot…
        IReadOnlyDictionary<ContactId, long> versions;
        await using (var read = await db.Factory.BeginReadAsync())
        {
            versions = await read.Scores.InputsVersionsAsync([ada.Id, bob.Id]);
        }

        // …Ada changes before the batch writes…
        await using (var change = await db.Factory.BeginAsync())
        {
            await change.Contacts.UpdateAsync(ada.WithDetails(ada.Details, T0.AddMinutes(1)));
            await change.CommitAsync();
        }

        // …so only Bob's score, made from what is still true, is kept.
        int kept;
        await using (var write = await db.Factory.BeginAsync())
        {
            kept = await write.Scores.PutAsync([Lead(ada, 80, versions[ada.Id]), Lead(bob, 40, versions[bob.Id])]);
            await write.CommitAsync();
        }

        Assert.Equal(0, versions[ada.Id]);
        Assert.Equal(1, kept);
        Assert.Empty(await ScoresAsync(db, ada.Id));
        Assert.Equal(40, Assert.Single(await ScoresAsync(db, bob.Id)).Score);
    }

    [Fact]
    public async Task A_change_to_the_contact_removes_its_scores_and_a_new_model_removes_its_kind()
    {
        await using var db = await TempDatabase.CreateAsync();
        var ada = TestContacts.Contact("Ada", "ada@example.org");
        var bob = TestContacts.Contact("Bob", "bob@example.org");
        await AddAsync(db, ada, bob);
        await using (var write = await db.Factory.BeginAsync())
        {
            Assert.Equal(4, await write.Scores.PutAsync([Lead(ada, 80, 0), Conversion(ada, 0.7, 0), Lead(bob, 40, 0), Conversion(bob, 0.2, 0)]));
            await write.CommitAsync();
        }

        await using (var change = await db.Factory.BeginAsync())
        {
            await change.Contacts.UpdateAsync(ada.WithDetails(ada.Details, T0.AddMinutes(1)));
            await change.CommitAsync();
        }

        Assert.Empty(await ScoresAsync(db, ada.Id));
        Assert.Equal(2, (await ScoresAsync(db, bob.Id)).Count);

        await db.ExecuteAsync("INSERT INTO model (model_id, task, trained_at, card, bytes) VALUES ('m', 'Conversion', 0, '{}', x'00')");

        Assert.Equal([ScoreKind.Lead], (await ScoresAsync(db, bob.Id)).Select(s => s.Kind));
    }

    private static CachedScore Lead(Contact contact, double score, long inputs) => new(contact.Id, ScoreKind.Lead, "", "weights v1", score, T0, inputs);

    private static CachedScore Conversion(Contact contact, double probability, long inputs) => new(contact.Id, ScoreKind.Conversion, "deal-1", "model-1", probability, T0, inputs);

    private static async Task AddAsync(TempDatabase db, params Contact[] contacts)
    {
        await using var work = await db.Factory.BeginAsync();
        foreach (var contact in contacts)
        {
            await work.Contacts.AddAsync(contact);
        }

        await work.CommitAsync();
    }

    private static async Task<IReadOnlyList<CachedScore>> ScoresAsync(TempDatabase db, ContactId contact)
    {
        await using var read = await db.Factory.BeginReadAsync();
        return await read.Scores.ForContactAsync(contact);
    }
}
