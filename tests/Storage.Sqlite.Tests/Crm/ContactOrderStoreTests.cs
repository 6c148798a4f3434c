using Rapport.Application.Contacts;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Crm;

/// <summary>Every sort order of the contact list on a real SQLite file: pages walk it exactly, each by its own index.</summary>
public sealed class ContactOrderStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Orders => new()
    {
        "name", "name desc", "email", "email desc", "company", "company desc", "last_interaction", "last_interaction desc",
    };

    // Ties (same company, same moment, same name in other case), missing values, and case differences in every column.
    private static List<Contact> People()
    {
        var rows = new (string Name, string? Email, string? Company, int? InteractedDaysAgo)[]
        {
            ("ada", "ada@example.org", "Acme", 3),
            ("Bob", null, "acme", 3),
            ("cy", "CY@example.org", null, null),
            ("Dee", "dee@example.org", "Zeta", 1),
            ("eve", "Eve@example.org", "beta", null),
            ("ADA", "ada2@example.org", "Beta", 10),
            ("fay", null, null, 1),
        };
        return [.. rows.Select(r =>
        {
            var contact = Contact.Create(new ContactId(Guid.CreateVersion7()), new ContactInput(r.Name, r.Email, Company: r.Company).Validate().Value, Now.AddDays(-20));
            return r.InteractedDaysAgo is { } days ? contact.InteractedAt(Now.AddDays(-days)) : contact;
        })];
    }

    private static async Task<List<Contact>> SeedAsync(TempDatabase db)
    {
        var people = People();
        await using var seed = await db.Factory.BeginAsync();
        await seed.Contacts.UpsertManyAsync(people);
        await seed.CommitAsync();
        return people;
    }

    // The order the store promises, computed here independently: key ignoring (ASCII) case, missing smallest, then id.
    private static List<Contact> Expected(IEnumerable<Contact> contacts, ContactOrder order)
    {
        Func<Contact, string> text = order.Column switch
        {
            ContactSortColumn.Name => c => c.Name.Value.ToLowerInvariant(),
            ContactSortColumn.Email => c => c.Email?.Value.ToLowerInvariant() ?? string.Empty,
            ContactSortColumn.Company => c => c.Company?.Value.ToLowerInvariant() ?? string.Empty,
            _ => c => (c.LastInteractionAt?.UtcTicks ?? 0).ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
        };
        var sorted = contacts.OrderBy(text, StringComparer.Ordinal).ThenBy(c => c.Id.ToString(), StringComparer.Ordinal).ToList();
        if (order.Descending)
        {
            sorted.Reverse();
        }

        return sorted;
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Pages_of_two_walk_every_order_exactly_once_each(string orderBy)
    {
        var order = ContactOrder.Parse(orderBy).Value;
        await using var db = await TempDatabase.CreateAsync();
        var people = await SeedAsync(db);

        await using var work = await db.Factory.BeginReadAsync();
        var walked = new List<Contact>();
        ContactCursor? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await work.Contacts.PageAsync(new ContactPageQuery(ContactFilter.All, after, 2) { Order = order });
            walked.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = ContactCursor.After(page[^1], order);
        }

        Assert.Equal(Expected(people, order).Select(c => c.Id), walked.Select(c => c.Id));
    }

    [Fact]
    public async Task A_filter_and_an_order_combine()
    {
        await using var db = await TempDatabase.CreateAsync();
        var people = await SeedAsync(db);

        await using var work = await db.Factory.BeginReadAsync();
        var order = ContactOrder.Parse("last_interaction desc").Value;
        var page = await work.Contacts.PageAsync(new ContactPageQuery(new ContactFilter(null, "example.org"), null, 10) { Order = order });

        Assert.Equal(Expected(people.Where(c => c.Email is not null), order).Select(c => c.Name.Value), page.Select(c => c.Name.Value));
    }

    [Theory]
    [InlineData("name", "ix_contacts_name")]
    [InlineData("name desc", "ix_contacts_name")]
    [InlineData("email", "ix_contacts_email_order")]
    [InlineData("email desc", "ix_contacts_email_order")]
    [InlineData("company", "ix_contacts_company")]
    [InlineData("company desc", "ix_contacts_company")]
    [InlineData("last_interaction", "ix_contacts_last_interaction")]
    [InlineData("last_interaction desc", "ix_contacts_last_interaction")]
    public async Task Every_order_seeks_its_own_index_after_a_cursor_and_never_sorts(string orderBy, string index)
    {
        var order = ContactOrder.Parse(orderBy).Value;
        ContactSortKey key = order.Column == ContactSortColumn.LastInteraction ? new ContactSortKey.Moment(Now) : new ContactSortKey.Text("m");
        await using var db = await TempDatabase.CreateAsync();
        await using var work = (SqliteUnitOfWork)await db.Factory.BeginAsync();
        foreach (var first in new[] { true, false })
        {
            var query = new ContactPageQuery(ContactFilter.All, first ? null : new ContactCursor(key, new ContactId(Guid.Empty)), 50) { Order = order };
            await using var command = ((Contacts.SqliteContactStore)work.Contacts).PageCommand(query);
            var plan = await QueryPlan.OfAsync(command);

            Assert.Contains(plan, p => p.Contains(index, StringComparison.Ordinal));
            Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
            if (!first)
            {
                Assert.Contains(plan, p => p.StartsWith("SEARCH contacts USING", StringComparison.Ordinal));
            }
        }
    }
}
