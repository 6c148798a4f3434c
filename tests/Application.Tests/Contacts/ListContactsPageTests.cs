using NSubstitute;
using Rapport.Application.Common;
using Rapport.Application.Consent;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Tests.Contacts;

public sealed class ListContactsPageTests
{
    private readonly CrmHarness _h = new();
    private readonly IConsentStore _consents = Substitute.For<IConsentStore>();
    private readonly List<Contact> _contacts;

    public ListContactsPageTests()
    {
        _h.UnitOfWork.Consents.Returns(_consents);
        // Companies and last interactions with ties and gaps, so that every order has something to break by id.
        _contacts = new[] { ("Ada", "Zeta", 2), ("Bob", null, 0), ("Cy", "Acme", 5), ("Dee", "Acme", 2), ("Eve", null, 9) }.Select(r =>
        {
            var contact = Contact.Create(new ContactId(Guid.NewGuid()), new ContactInput(r.Item1, Company: r.Item2).Validate().Value, CrmHarness.Now);
            return r.Item3 > 0 ? contact.InteractedAt(CrmHarness.Now.AddDays(-r.Item3)) : contact;
        }).ToList();
        var grants = new Dictionary<ContactId, IReadOnlyList<ConsentGrant>>();
        foreach (var allowed in new[] { _contacts[0], _contacts[3] })
        {
            grants[allowed.Id] = [ConsentGrant.Issue(null, allowed.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null),
                [], CrmHarness.Now.AddDays(-2), CrmHarness.Now.AddDays(-1), null).Value];
        }

        // Cy holds a marketing consent that was revoked: a candidate the store returns, which the gate denies.
        grants[_contacts[2].Id] = [ConsentGrant.Issue(null, _contacts[2].Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null),
            [], CrmHarness.Now.AddDays(-2), CrmHarness.Now.AddDays(-2), null).Value.Revoke(CrmHarness.Now.AddDays(-1)).Value];

        // The store's contract, in memory: in the query's order (key, then id) after the cursor, at most Limit,
        // candidates only for a purpose.
        _h.Contacts.PageAsync(Arg.Any<ContactPageQuery>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var q = call.Arg<ContactPageQuery>();
            Queries.Add(q);
            return (IReadOnlyList<Contact>)InOrder(q.Order)
                .Where(c => q.After is null || PositionComparer.Instance.Compare(Position(q.Order, q.Order.KeyOf(c), c.Id), Position(q.Order, q.After.Key, q.After.Id)) > 0)
                .Where(c => q.ConsentedTo is null || grants.ContainsKey(c.Id))
                .Take(q.Limit)
                .ToList();
        });
        _consents.CurrentAsync(Arg.Any<IReadOnlyCollection<ContactId>>(), Arg.Any<CancellationToken>()).Returns(call =>
            (IReadOnlyDictionary<ContactId, IReadOnlyList<ConsentGrant>>)call.Arg<IReadOnlyCollection<ContactId>>()
                .Where(grants.ContainsKey).ToDictionary(id => id, id => grants[id]));
    }

    private List<ContactPageQuery> Queries { get; } = [];

    // A contact's place in an order as one comparable text: the key (case-folded text or zero-padded ticks) and the id,
    // negated in a descending order by comparing reversed.
    private static (string Key, string Id, bool Descending) Position(ContactOrder order, ContactSortKey key, ContactId id) => (
        key switch
        {
            ContactSortKey.Text text => text.Value.ToUpperInvariant(),
            ContactSortKey.Moment moment => (moment.Value?.UtcTicks ?? 0).ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException(),
        },
        id.ToString(),
        order.Descending);

    private List<Contact> InOrder(ContactOrder order) =>
        [.. _contacts.OrderBy(c => Position(order, order.KeyOf(c), c.Id), PositionComparer.Instance)];

    private sealed class PositionComparer : IComparer<(string Key, string Id, bool Descending)>
    {
        public static readonly PositionComparer Instance = new();

        public int Compare((string Key, string Id, bool Descending) x, (string Key, string Id, bool Descending) y)
        {
            var ascending = string.CompareOrdinal(x.Key, y.Key) is var byKey && byKey != 0 ? byKey : string.CompareOrdinal(x.Id, y.Id);
            return x.Descending ? -ascending : ascending;
        }
    }

    private ListContactsPage UseCase => new(_h.Factory, _h.Clock, new ConsentGate(PolicyMatrix.Default, _h.Journal));

    [Fact]
    public async Task Every_candidate_a_page_covers_gets_one_audited_decision()
    {
        var page = await UseCase.ExecuteAsync(new ContactPageRequest(Purpose: "marketing"), "partner:mailer");

        Assert.Equal(["Ada", "Dee"], page.Value.Contacts.Select(c => c.Name.Value));
        // One compact entry for the page, naming each of the three candidates it covers with its own verdict.
        var entry = Assert.Single(_h.Events, e => e.Action == PolicyAuditEvents.DecidedMany);
        Assert.Equal(3, entry.Contacts!.Count);
        var decided = entry.Contacts.Select(c => PolicyAuditEvents.DecisionOf(entry, c)!).ToList();
        Assert.All(decided, d => Assert.Contains("action=read_contact purpose=marketing", d, StringComparison.Ordinal));
        var revoked = PolicyAuditEvents.DecisionOf(entry, _contacts[2].Id.ToString())!;
        Assert.Contains("verdict=deny", revoked, StringComparison.Ordinal);
        Assert.Contains("CONSENT_REVOKED", revoked, StringComparison.Ordinal);
        await _h.Journal.Received(1).RecordAsync(Arg.Any<IReadOnlyList<AuditEvent>>(), Arg.Any<CancellationToken>());
        await _h.Factory.DidNotReceive().BeginAsync(Arg.Any<CancellationToken>());
        Assert.All(Queries, q => Assert.Equal(Purpose.Marketing, q.ConsentedTo));
    }

    [Fact]
    public async Task A_page_of_one_for_a_purpose_hands_on_a_token_past_the_denied_candidates()
    {
        var first = await UseCase.ExecuteAsync(new ContactPageRequest(Purpose: "marketing", PageSize: 1), "cli");
        var second = await UseCase.ExecuteAsync(new ContactPageRequest(Purpose: "marketing", PageSize: 1, PageToken: first.Value.NextPageToken), "cli");

        Assert.Equal(["Ada"], first.Value.Contacts.Select(c => c.Name.Value));
        Assert.NotEqual(string.Empty, first.Value.NextPageToken);
        Assert.Equal(["Dee"], second.Value.Contacts.Select(c => c.Name.Value));
        Assert.Equal(string.Empty, second.Value.NextPageToken);
    }

    [Fact]
    public async Task A_failing_audit_write_answers_nothing()
    {
        _h.Journal.RecordAsync(Arg.Any<IReadOnlyList<AuditEvent>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new StoreUnavailableException("disk full")));

        var result = await UseCase.ExecuteAsync(new ContactPageRequest(Purpose: "marketing"), "cli");

        Assert.True(result.IsFailure);
        Assert.Equal(PolicyErrors.AuditUnavailable, result.Error.Code);
        Assert.Equal(ErrorKind.Unavailable, result.Error.Kind);
    }

    [Fact]
    public async Task Purpose_keeps_only_contacts_whose_consent_allows_it()
    {
        var page = await UseCase.ExecuteAsync(new ContactPageRequest(Purpose: "marketing.email"), "cli");

        Assert.Equal(["Ada", "Dee"], page.Value.Contacts.Select(c => c.Name.Value));
        Assert.Equal(string.Empty, page.Value.NextPageToken);
    }

    [Fact]
    public async Task Pages_cover_every_contact_once()
    {
        var use = UseCase;
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await use.ExecuteAsync(new ContactPageRequest(PageSize: 2, PageToken: token), "cli");
            seen.AddRange(page.Value.Contacts.Select(c => c.Name.Value));
            token = page.Value.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(["Ada", "Bob", "Cy", "Dee", "Eve"], seen);
    }

    [Theory]
    [InlineData(-1, null, "CONTACT_PAGE_SIZE_INVALID")]
    [InlineData(1001, null, "CONTACT_PAGE_SIZE_INVALID")]
    [InlineData(10, "garbage!", "CONTACT_PAGE_TOKEN_INVALID")]
    public async Task Bad_paging_input_is_refused(int size, string? token, string code)
    {
        var result = await UseCase.ExecuteAsync(new ContactPageRequest(PageSize: size, PageToken: token), "cli");

        Assert.Equal(code, result.Error.Code.Value);
    }

    [Theory]
    [InlineData(null, "Ada Bob Cy Dee Eve")]
    [InlineData("name desc", "Eve Dee Cy Bob Ada")]
    [InlineData("company", null)]
    [InlineData("company desc", null)]
    [InlineData("last_interaction", null)]
    [InlineData("LAST_INTERACTION  DESC", null)]
    public async Task Pages_of_two_cover_every_contact_once_in_every_order(string? orderBy, string? names)
    {
        var order = ContactOrder.Parse(orderBy).Value;
        var seen = new List<Contact>();
        string? token = null;
        do
        {
            var page = await UseCase.ExecuteAsync(new ContactPageRequest(PageSize: 2, PageToken: token, OrderBy: orderBy), "cli");
            seen.AddRange(page.Value.Contacts);
            token = page.Value.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(InOrder(order).Select(c => c.Id), seen.Select(c => c.Id));
        Assert.All(Queries, q => Assert.Equal(order, q.Order));
        if (names is not null)
        {
            Assert.Equal(names, string.Join(' ', seen.Select(c => c.Name.Value)));
        }
    }

    [Fact]
    public void Orders_read_as_written_and_a_missing_value_is_the_smallest_key()
    {
        Assert.Equal(new ContactOrder(ContactSortColumn.LastInteraction, Descending: true), ContactOrder.Parse(" last_interaction desc ").Value);
        Assert.Equal(ContactOrder.ByName, ContactOrder.Parse("name asc").Value);
        Assert.Equal("company desc", ContactOrder.Parse("Company DESC").Value.ToString());
        var bob = _contacts.Single(c => c.Name.Value == "Bob");
        Assert.Equal(new ContactSortKey.Text(string.Empty), ContactOrder.Parse("company").Value.KeyOf(bob));
        Assert.Equal(new ContactSortKey.Moment(null), ContactOrder.Parse("last_interaction").Value.KeyOf(bob));
        Assert.Equal(new ContactSortKey.Text("Bob"), ContactOrder.ByName.KeyOf(bob));
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("name sideways")]
    [InlineData("name desc please")]
    [InlineData("id")]
    [InlineData("name,company")]
    public async Task An_order_it_cannot_sort_by_is_refused_with_the_orders_it_can(string orderBy)
    {
        var result = await UseCase.ExecuteAsync(new ContactPageRequest(OrderBy: orderBy), "cli");

        Assert.Equal("CONTACT_ORDER_INVALID", result.Error.Code.Value);
        Assert.Contains("name, email, company, last_interaction", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(Queries);
    }

    [Fact]
    public async Task A_token_continues_only_the_order_it_was_issued_for()
    {
        var first = await UseCase.ExecuteAsync(new ContactPageRequest(PageSize: 2, OrderBy: "company desc"), "cli");

        var byName = await UseCase.ExecuteAsync(new ContactPageRequest(PageSize: 2, PageToken: first.Value.NextPageToken), "cli");
        var ascending = await UseCase.ExecuteAsync(new ContactPageRequest(PageSize: 2, PageToken: first.Value.NextPageToken, OrderBy: "company"), "cli");

        Assert.Equal("CONTACT_PAGE_TOKEN_INVALID", byName.Error.Code.Value);
        Assert.Contains("'company desc'", byName.Error.Message, StringComparison.Ordinal);
        Assert.Equal("CONTACT_PAGE_TOKEN_INVALID", ascending.Error.Code.Value);
    }

    [Fact]
    public async Task A_name_token_issued_before_orders_existed_still_continues_the_list()
    {
        var bob = _contacts.Single(c => c.Name.Value == "Bob");
        var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("c" + bob.Id + "Bob"));

        var page = await UseCase.ExecuteAsync(new ContactPageRequest(PageToken: token), "cli");

        Assert.Equal(["Cy", "Dee", "Eve"], page.Value.Contacts.Select(c => c.Name.Value));
    }

    [Fact]
    public async Task Any_token_a_client_makes_up_is_refused_or_continues_never_throws()
    {
        var random = new Random(20261207);
        var issued = new List<string>();
        foreach (var orderBy in ContactOrder.ColumnNames.SelectMany(c => new[] { c, c + " desc" }))
        {
            issued.Add((await UseCase.ExecuteAsync(new ContactPageRequest(PageSize: 1, OrderBy: orderBy), "cli")).Value.NextPageToken);
        }

        for (var i = 0; i < 3000; i++)
        {
            var bytes = Convert.FromBase64String(issued[random.Next(issued.Count)]);
            switch (random.Next(4))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 2:
                    bytes = [.. bytes, .. Enumerable.Range(0, random.Next(1, 30)).Select(_ => (byte)random.Next(256))];
                    break;
                default:
                    bytes = [.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => (byte)random.Next(256))];
                    break;
            }

            var token = Convert.ToBase64String(bytes);
            foreach (var orderBy in new[] { "name", "last_interaction desc" })
            {
                var result = await UseCase.ExecuteAsync(new ContactPageRequest(PageToken: token, OrderBy: orderBy), "cli");
                Assert.True(result.IsSuccess || result.Error.Code == ContactErrors.PageTokenInvalid, $"token {token}: {(result.IsFailure ? result.Error.Message : "")}");
            }
        }
    }

    [Theory]
    [InlineData("dx")]
    [InlineData("dna00000000000000000000000000000000m5")]
    [InlineData("dla00000000000000000000000000000000tAda")]
    [InlineData("dla00000000000000000000000000000000m99999999999999999999")]
    [InlineData("dla00000000000000000000000000000000m-5")]
    [InlineData("dla00000000000000000000000000000000nx")]
    [InlineData("dqa00000000000000000000000000000000tAda")]
    [InlineData("dnx00000000000000000000000000000000tAda")]
    [InlineData("c00000000000000000000000000000000")]
    public async Task Tampered_tokens_are_refused(string text)
    {
        var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

        var result = await UseCase.ExecuteAsync(new ContactPageRequest(PageToken: token, OrderBy: text.Length > 1 && text[1] == 'l' ? "last_interaction" : null), "cli");

        Assert.Equal("CONTACT_PAGE_TOKEN_INVALID", result.Error.Code.Value);
    }
}
