using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite.Migrations;
using Rapport.Application.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;
using Rapport.Domain.Pipeline;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Crm;

public sealed class CrmStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Contact_round_trips_every_field()
    {
        await using var db = await TempDatabase.CreateAsync();
        var details = new ContactInput("Ada Lovelace", "ada@Example.org", "+44 20 7946 0958", "Engines", ["vip", "math"],
            ["seats=number:12.50", "renewal=date:2027-01-31", "vip=bool:true", "note=text:a;b=c"], "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA").Validate();
        Assert.True(details.IsSuccess, details.IsFailure ? details.Error.ToString() : null);
        var contact = Contact.Create(new ContactId(Guid.NewGuid()), details.Value, T0).InteractedAt(T0.AddHours(1));
        await using (var uow = await db.Factory.BeginAsync())
        {
            await uow.Contacts.AddAsync(contact);
            await uow.CommitAsync();
        }

        await using (var uow = await db.Factory.BeginAsync())
        {
            var loaded = await uow.Contacts.GetAsync(contact.Id);
            Assert.Equal(contact, loaded);
            Assert.Equal(new NumberFieldValue(12.50m), loaded!.Fields["seats"]);
            Assert.Equal(ContactMode.PlatformNative, loaded.Mode);
            Assert.Equal(contact.Id, (await uow.Contacts.FindByEmailAsync(EmailAddress.Create("ADA@example.org").Value))?.Id);
        }
    }

    [Fact]
    public async Task List_filters_by_tag_and_text_and_escapes_like_wildcards()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var uow = await db.Factory.BeginAsync())
        {
            await uow.Contacts.UpsertManyAsync([
                TestContacts.Contact("Ada", "ada@example.org", null, "vip"),
                TestContacts.Contact("Alan", "alan@example.org", null, "vip-plus"),
                TestContacts.Contact("Grace 100%", "grace@example.org"),
            ]);
            await uow.CommitAsync();
        }

        await using var read = await db.Factory.BeginAsync();
        Assert.Equal(["Ada"], (await read.Contacts.ListAsync(new ContactFilter(Tag.Create("vip").Value))).Select(c => c.Name.Value));
        Assert.Equal(["Grace 100%"], (await read.Contacts.ListAsync(new ContactFilter(Text: "0%"))).Select(c => c.Name.Value));
        Assert.Equal(["Ada", "Alan"], (await read.Contacts.ListAsync(new ContactFilter(Text: "A"))).Select(c => c.Name.Value).Where(n => n.StartsWith('A')));
        Assert.Equal(3, (await read.Contacts.ListAsync(ContactFilter.All)).Count);
        var existing = await read.Contacts.ExistingEmailsAsync(["ADA@example.org", "nobody@example.org"]);
        Assert.Single(existing);
    }

    [Fact]
    public async Task Uncommitted_unit_of_work_rolls_back_and_email_uniqueness_is_enforced()
    {
        await using var db = await TempDatabase.CreateAsync();
        var ada = TestContacts.Contact("Ada", "ada@example.org");
        await using (var uow = await db.Factory.BeginAsync())
        {
            await uow.Contacts.AddAsync(ada);
            // disposed without commit
        }

        await using (var uow = await db.Factory.BeginAsync())
        {
            Assert.Null(await uow.Contacts.GetAsync(ada.Id));
            await uow.Contacts.AddAsync(ada);
            await Assert.ThrowsAsync<SqliteException>(() => uow.Contacts.AddAsync(TestContacts.Contact("Other", "ADA@example.org")));
            await uow.CommitAsync();
        }

        await using var read = await db.Factory.BeginAsync();
        Assert.Single(await read.Contacts.ListAsync(ContactFilter.All));
    }

    [Fact]
    public async Task Timeline_is_newest_first_and_delete_cascades()
    {
        await using var db = await TempDatabase.CreateAsync();
        var ada = TestContacts.Contact("Ada");
        await using (var uow = await db.Factory.BeginAsync())
        {
            await uow.Contacts.AddAsync(ada);
            for (var i = 0; i < 20; i++)
            {
                await uow.Interactions.AddAsync(Interaction.Create(
                    new InteractionId(Guid.NewGuid()), ada.Id, InteractionType.Call, $"call {i}", null, T0.AddMinutes((i * 7) % 20), TimeSpan.FromMinutes(5), "cli").Value);
            }

            await uow.CommitAsync();
        }

        await using (var uow = await db.Factory.BeginAsync())
        {
            var timeline = await uow.Interactions.TimelineAsync(ada.Id, 5);
            Assert.Equal(5, timeline.Count);
            Assert.Equal(timeline.OrderByDescending(i => i.At).Select(i => i.At), timeline.Select(i => i.At));
            Assert.Equal(T0.AddMinutes(19), timeline[0].At);
            Assert.True(await uow.Contacts.DeleteAsync(ada.Id));
            Assert.Empty(await uow.Interactions.TimelineAsync(ada.Id, 100));
            await uow.CommitAsync();
        }
    }

    [Fact]
    public async Task Pipelines_and_deals_round_trip_with_history_and_outcome()
    {
        await using var db = await TempDatabase.CreateAsync();
        var ada = TestContacts.Contact("Ada");
        var pipeline = SalesPipeline.Create(new PipelineId(Guid.NewGuid()), "Sales", [Stage.Parse("Lead:10").Value, Stage.Parse("Won:100").Value], T0).Value;
        var deal = Deal.Open(new DealId(Guid.NewGuid()), pipeline, ada.Id, "Licence", Money.Parse("1200.50", "EUR").Value, new DateOnly(2027, 3, 31), T0).Value;
        await using (var uow = await db.Factory.BeginAsync())
        {
            await uow.Contacts.AddAsync(ada);
            await uow.Pipelines.AddAsync(pipeline);
            await uow.Deals.AddAsync(deal);
            await uow.CommitAsync();
        }

        var moved = deal.MoveTo(pipeline, "won", T0.AddDays(1)).Value.Lose("budget", T0.AddDays(2)).Value;
        await using (var uow = await db.Factory.BeginAsync())
        {
            Assert.Equal(pipeline.Stages, (await uow.Pipelines.FindAsync("SALES"))!.Stages);
            Assert.Equal(pipeline.Id, (await uow.Pipelines.FindAsync(pipeline.Id.ToString()))!.Id);
            await uow.Deals.UpdateAsync(moved);
            await uow.CommitAsync();
        }

        await using var read = await db.Factory.BeginAsync();
        var loaded = (await read.Deals.GetAsync(deal.Id))!;
        Assert.Equal(moved.History, loaded.History);
        Assert.Equal(new DealLost(T0.AddDays(2), "budget"), loaded.Outcome);
        Assert.Equal(1200.50m, loaded.Value.Amount);
        Assert.Single(await read.Deals.ListAsync(new DealFilter(pipeline.Id, "won")));
        Assert.Empty(await read.Deals.ListAsync(new DealFilter(pipeline.Id, OpenOnly: true)));
    }

    [Fact]
    public async Task Migration_is_idempotent_and_keeps_data()
    {
        await using var db = await TempDatabase.CreateAsync();
        var ada = TestContacts.Contact("Ada", "ada@example.org");
        await using (var uow = await db.Factory.BeginAsync())
        {
            await uow.Contacts.AddAsync(ada);
            await uow.CommitAsync();
        }

        var reopened = await SqliteDatabase.OpenAsync(db.Database.Path, create: false);
        reopened = await SqliteDatabase.OpenAsync(db.Database.Path, create: false);
        await using var connection = await reopened.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)Schema.CurrentVersion, (long)(await command.ExecuteScalarAsync())!);
        await using var uow2 = await new SqliteUnitOfWorkFactory(reopened).BeginAsync();
        Assert.Equal(ada, await uow2.Contacts.GetAsync(ada.Id));
    }
}
