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
        _contacts = new[] { "Ada", "Bob", "Cy", "Dee", "Eve" }.Select(n =>
            Contact.Create(new ContactId(Guid.NewGuid()), new ContactInput(n).Validate().Value, CrmHarness.Now)).ToList();
        var grants = new Dictionary<ContactId, IReadOnlyList<ConsentGrant>>();
        foreach (var allowed in new[] { _contacts[0], _contacts[3] })
        {
            grants[allowed.Id] = [ConsentGrant.Issue(null, allowed.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null),
                [], CrmHarness.Now.AddDays(-2), CrmHarness.Now.AddDays(-1), null).Value];
        }

        // Cy holds a marketing consent that was revoked: a candidate the store returns, which the gate denies.
        grants[_contacts[2].Id] = [ConsentGrant.Issue(null, _contacts[2].Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null),
            [], CrmHarness.Now.AddDays(-2), CrmHarness.Now.AddDays(-2), null).Value.Revoke(CrmHarness.Now.AddDays(-1)).Value];

        // The store's contract, in memory: by name then id after the cursor, at most Limit, candidates only for a purpose.
        _h.Contacts.PageAsync(Arg.Any<ContactPageQuery>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var q = call.Arg<ContactPageQuery>();
            Queries.Add(q);
            return (IReadOnlyList<Contact>)_contacts
                .Where(c => q.After is null || string.CompareOrdinal(c.Name.Value, q.After.Name) > 0)
                .Where(c => q.ConsentedTo is null || grants.ContainsKey(c.Id))
                .Take(q.Limit)
                .ToList();
        });
        _consents.CurrentAsync(Arg.Any<IReadOnlyCollection<ContactId>>(), Arg.Any<CancellationToken>()).Returns(call =>
            (IReadOnlyDictionary<ContactId, IReadOnlyList<ConsentGrant>>)call.Arg<IReadOnlyCollection<ContactId>>()
                .Where(grants.ContainsKey).ToDictionary(id => id, id => grants[id]));
    }

    private List<ContactPageQuery> Queries { get; } = [];

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
}
