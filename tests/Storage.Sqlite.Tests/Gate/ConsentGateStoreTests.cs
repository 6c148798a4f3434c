using Microsoft.Data.Sqlite;
using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Gate;

/// <summary>The gate's store paths on a real SQLite file: paged candidates, consent of many, and audit atomicity.</summary>
public sealed class ConsentGateStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static Contact NewContact(string name) =>
        Contact.Create(new ContactId(Guid.CreateVersion7()), new ContactInput(name).Validate().Value, Now.AddDays(-10));

    private static ConsentGrant Grant(ContactId contact, Purpose purpose, bool revoked = false, IEnumerable<KeyValuePair<FieldKey, AccessLevel>>? fields = null)
    {
        var grant = ConsentGrant.Issue(null, contact, purpose, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null),
            fields ?? [], Now.AddDays(-5), Now.AddDays(-5), null).Value;
        return revoked ? grant.Revoke(Now.AddDays(-1)).Value : grant;
    }

    private static async Task<List<Contact>> SeedAsync(TempDatabase db, params (string Name, Func<ContactId, ConsentGrant>[]? Grants)[] rows)
    {
        var contacts = new List<Contact>();
        await using var work = await db.Factory.BeginAsync();
        foreach (var (name, _) in rows)
        {
            var contact = NewContact(name);
            contacts.Add(contact);
            await work.Contacts.AddAsync(contact);
        }

        for (var i = 0; i < rows.Length; i++)
        {
            foreach (var build in rows[i].Grants ?? [])
            {
                Assert.True((await work.Consents.AppendAsync(build(contacts[i].Id))).IsSuccess);
            }
        }

        await work.CommitAsync();
        return contacts;
    }

    [Fact]
    public async Task Pages_walk_the_name_order_after_the_cursor_and_join_only_consent_candidates()
    {
        await using var db = await TempDatabase.CreateAsync();
        var contacts = await SeedAsync(db,
            ("ada", [c => Grant(c, Purpose.Marketing)]),
            ("Bob", null),
            ("cy", [c => Grant(c, Purpose.Parse("marketing.email").Value)]),
            ("Dee", [c => Grant(c, Purpose.Analytics)]),
            ("eve", [c => Grant(c, Purpose.Marketing, revoked: true)]));

        await using var work = await db.Factory.BeginAsync();
        var first = await work.Contacts.PageAsync(new ContactPageQuery(ContactFilter.All, null, 2));
        var second = await work.Contacts.PageAsync(new ContactPageQuery(ContactFilter.All, ContactCursor.After(first[^1], ContactOrder.ByName), 10));
        var email = await work.Contacts.PageAsync(new ContactPageQuery(ContactFilter.All, null, 10, Purpose.Parse("marketing.email").Value));
        var marketing = await work.Contacts.PageAsync(new ContactPageQuery(ContactFilter.All, null, 10, Purpose.Marketing));

        Assert.Equal(["ada", "Bob"], first.Select(c => c.Name.Value));
        Assert.Equal(["cy", "Dee", "eve"], second.Select(c => c.Name.Value));
        // A grant on marketing covers marketing.email (ancestor), a revoked one is still a candidate for the gate to deny.
        Assert.Equal(["ada", "cy", "eve"], email.Select(c => c.Name.Value));
        Assert.Equal(["ada", "eve"], marketing.Select(c => c.Name.Value));
        Assert.Equal(contacts.Count, first.Count + second.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_page_after_a_cursor_seeks_the_name_index_instead_of_scanning(bool forPurpose)
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var work = (SqliteUnitOfWork)await db.Factory.BeginAsync();
        var query = new ContactPageQuery(ContactFilter.All, new ContactCursor(new ContactSortKey.Text("m"), new ContactId(Guid.Empty)), 100, forPurpose ? Purpose.Parse("marketing.email").Value : null);
        await using var command = ((Contacts.SqliteContactStore)work.Contacts).PageCommand(query);
        var plan = await QueryPlan.OfAsync(command);

        // The store's own statement: a range search on the name index from the cursor, rows in index order (no sort),
        // and for a purpose one consent-index probe per candidate.
        Assert.Contains(plan, p => p.StartsWith("SEARCH contacts USING", StringComparison.Ordinal) && p.Contains("ix_contacts_name (name>?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN contacts", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
        if (forPurpose)
        {
            Assert.Contains(plan, p => p.Contains("ix_consent_lookup", StringComparison.Ordinal) || p.Contains("sqlite_autoindex_consent_version", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_list_longer_than_one_page_is_one_audit_entry_naming_every_contact()
    {
        await using var db = await TempDatabase.CreateAsync();
        var count = ListContactsPage.MaxCandidatesPerCall + 25;
        var contacts = Enumerable.Range(0, count).Select(i => NewContact($"c{i:D5}")).ToList();
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Contacts.UpsertManyAsync(contacts);
            await work.CommitAsync();
        }

        var listed = await new ListContacts(db.Factory, new FixedClock(), new ConsentGate(PolicyMatrix.Default, db.Database.Journal))
            .ExecuteAsync(null, null, null, "cli");

        Assert.Equal(count, listed.Value.Count);
        await using var read = await db.Factory.BeginReadAsync();
        var entries = (await read.Audit.QueryAsync(new Application.Audit.AuditQuery(null, null, 100))).Select(e => e.Event).Where(e => e.Action.StartsWith("policy.", StringComparison.Ordinal)).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal(PolicyAuditEvents.DecidedMany, entry.Action);
        Assert.Contains($"decided={count} allowed={count}", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(count, await DecisionCountAsync(db));
        Assert.NotNull(PolicyAuditEvents.DecisionOf(entry, contacts[^1].Id.ToString()));
    }

    [Fact]
    public async Task A_page_decides_and_audits_only_the_contacts_it_covers_and_the_next_page_resumes_after_them()
    {
        await using var db = await TempDatabase.CreateAsync();
        // Ten candidates, every third revoked: a page of 3 reads a surplus of candidates but must decide none beyond its last.
        var contacts = await SeedAsync(db, [.. Enumerable.Range(0, 10).Select(i => ($"p{i:D2}", (Func<ContactId, ConsentGrant>[]?)[c => Grant(c, Purpose.Marketing, revoked: i % 3 == 1)]))]);
        var list = new ListContactsPage(db.Factory, new FixedClock(), new ConsentGate(PolicyMatrix.Default, db.Database.Journal));

        var seen = new List<string>();
        var decisions = new List<long>();
        string? token = null;
        do
        {
            var page = (await list.ExecuteAsync(new ContactPageRequest(Purpose: "marketing", PageSize: 3, PageToken: token), "partner:mailer")).Value;
            seen.AddRange(page.Contacts.Select(c => c.Name.Value));
            decisions.Add(await DecisionCountAsync(db));
            token = page.NextPageToken.Length == 0 ? null : page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(["p00", "p02", "p03", "p05", "p06", "p08", "p09"], seen);
        // p00 p01(denied) p02 p03 | p04(denied) p05 p06 p07(denied) p08 | p09 — a page ends at its third allowed contact,
        // though the second read p09 already: one decision per contact, each exactly once.
        Assert.Equal([4L, 9L, 10L], decisions);
        Assert.Equal(contacts.Count, (int)decisions[^1]);

        // Three pages, three compact entries; `audit list --contact` finds a contact's decision in its page's entry.
        await using var read = await db.Factory.BeginReadAsync();
        var denied = contacts.Single(c => c.Name.Value == "p04").Id.ToString();
        var found = Assert.Single(await read.Audit.QueryAsync(new Application.Audit.AuditQuery(null, denied, 100)));
        Assert.Equal(PolicyAuditEvents.DecidedMany, found.Event.Action);
        Assert.Contains("verdict=deny", PolicyAuditEvents.DecisionOf(found.Event with { Contacts = null }, denied), StringComparison.Ordinal);
        Assert.Equal(3, (await read.Audit.QueryAsync(new Application.Audit.AuditQuery(null, null, 100))).Count(e => e.Event.Action == PolicyAuditEvents.DecidedMany));
    }

    [Fact]
    public async Task Consent_of_many_contacts_equals_consent_read_one_by_one()
    {
        await using var db = await TempDatabase.CreateAsync();
        var email = FieldKey.Parse("email").Value;
        var contacts = await SeedAsync(db,
            ("ada", [c => Grant(c, Purpose.Marketing, fields: [new(email, AccessLevel.View)]), c => Grant(c, Purpose.Analytics, revoked: true)]),
            ("bob", null),
            ("cy", [c => Grant(c, Purpose.DataShare)]));
        await using (var update = await db.Factory.BeginAsync())
        {
            // A second version of ada's marketing consent with other fields: only the current one may be read.
            var current = (await update.Consents.CurrentAsync(contacts[0].Id, Purpose.Marketing))!;
            var next = ConsentGrant.Issue(current, contacts[0].Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null),
                [new(email, AccessLevel.Edit)], Now.AddDays(-2), Now.AddDays(-2), null).Value;
            Assert.True((await update.Consents.AppendAsync(next)).IsSuccess);
            await update.CommitAsync();
        }

        await using var work = await db.Factory.BeginAsync();
        var many = await work.Consents.CurrentAsync([.. contacts.Select(c => c.Id)]);

        Assert.False(many.ContainsKey(contacts[1].Id));
        foreach (var contact in new[] { contacts[0], contacts[2] })
        {
            var one = await work.Consents.CurrentAsync(contact.Id);
            Assert.Equal(ConsentSnapshot.Create(contact.Id, one).Hash, ConsentSnapshot.Create(contact.Id, many[contact.Id]).Hash);
        }

        Assert.Equal(AccessLevel.Edit, ConsentSnapshot.Create(contacts[0].Id, many[contacts[0].Id]).LevelAt(email, Now));
    }

    [Fact]
    public async Task An_answer_comes_only_with_its_audit_entry_committed()
    {
        await using var db = await TempDatabase.CreateAsync();
        var contacts = await SeedAsync(db, ("ada", [c => Grant(c, Purpose.Marketing)]));
        var show = new ShowContactForPurpose(db.Factory, new FixedClock(), new ConsentGate(PolicyMatrix.Default, db.Database.Journal));

        var shown = await show.ExecuteAsync(contacts[0].Id, "marketing", "partner:mailer");

        Assert.True(shown.IsSuccess);
        // Read through a connection of its own: the decision is durable, not only visible to the answering transaction.
        Assert.Equal(1L, await DecisionCountAsync(db));
    }

    [Fact]
    public async Task A_store_error_during_the_audit_write_denies_and_answers_nothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        var contacts = await SeedAsync(db, ("ada", [c => Grant(c, Purpose.Marketing)]));
        var show = new ShowContactForPurpose(db.Factory, new FixedClock(), new ConsentGate(PolicyMatrix.Default, db.Database.Journal));
        await db.ExecuteAsync("CREATE TRIGGER disk_full BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");

        var shown = await show.ExecuteAsync(contacts[0].Id, "marketing", "partner:mailer");

        Assert.True(shown.IsFailure);
        Assert.Equal(PolicyErrors.AuditUnavailable, shown.Error.Code);
        Assert.Equal(ErrorKind.Unavailable, shown.Error.Kind);
        Assert.Contains("disk is full", shown.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await DecisionCountAsync(db));

        // The journal recovers once the store does: the next read is answered, with its decision.
        await db.ExecuteAsync("DROP TRIGGER disk_full;");
        Assert.True((await show.ExecuteAsync(contacts[0].Id, "marketing", "partner:mailer")).IsSuccess);
        Assert.Equal(1L, await DecisionCountAsync(db));
    }

    public static TheoryData<string> EveryPurposeThePolicyNames() => [.. PolicyMatrix.Default.NamedPurposes];

    [Theory]
    [MemberData(nameof(EveryPurposeThePolicyNames))]
    public async Task Every_purpose_the_policy_names_allows_with_its_consent_and_denies_without_it_or_after_revocation(string key)
    {
        await using var db = await TempDatabase.CreateAsync();
        var purpose = Purpose.Parse(key).Value;
        var implied = PolicyMatrix.Default.IsImplied(purpose);
        var contacts = await SeedAsync(db,
            ("granted", [c => Grant(c, purpose)]),
            ("revoked", [c => Grant(c, purpose, revoked: true)]),
            ("other", [c => Grant(c, Purpose.Parse(key == "marketing" ? "analytics" : "marketing").Value)]));
        var show = new ShowContactForPurpose(db.Factory, new FixedClock(), new ConsentGate(PolicyMatrix.Default, db.Database.Journal));

        var granted = await show.ExecuteAsync(contacts[0].Id, key, "partner:test");
        var revoked = await show.ExecuteAsync(contacts[1].Id, key, "partner:test");
        var other = await show.ExecuteAsync(contacts[2].Id, key, "partner:test");

        Assert.True(granted.IsSuccess, granted.IsFailure ? granted.Error.Message : null);
        Assert.Equal(ErrorKind.ConsentDenied, revoked.Error.Kind);
        Assert.Equal(ReasonCode.Revoked.Code, revoked.Error.Code.Value);
        // Consent to another purpose is no consent to this one — unless this one is implied (crm): then no objection is enough.
        Assert.Equal(implied, other.IsSuccess);
        Assert.Equal(3L, await DecisionCountAsync(db));
    }

    private static async Task<long> DecisionCountAsync(TempDatabase db)
    {
        await using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Single decisions are an entry each; a bulk read's entry is indexed once per contact it decided.
        command.CommandText = $"SELECT (SELECT COUNT(*) FROM audit_log WHERE action = '{PolicyAuditEvents.Decided}') + (SELECT COUNT(*) FROM audit_contacts)";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class FixedClock : IClock
    {
        public DateTimeOffset UtcNow => Now;
    }
}
