using NSubstitute;
using Rapport.Application.Consent;
using Rapport.Application.Contacts;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

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
        _h.Contacts.ListAsync(Arg.Any<ContactFilter>(), Arg.Any<CancellationToken>()).Returns(_contacts);
        _consents.CurrentAsync(Arg.Any<ContactId>(), Arg.Any<CancellationToken>()).Returns(Array.Empty<ConsentGrant>());
        foreach (var allowed in new[] { _contacts[0], _contacts[3] })
        {
            var grant = ConsentGrant.Issue(null, allowed.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null),
                [], CrmHarness.Now.AddDays(-2), CrmHarness.Now.AddDays(-1), null).Value;
            _consents.CurrentAsync(allowed.Id, Arg.Any<CancellationToken>()).Returns([grant]);
        }
    }

    [Fact]
    public async Task Purpose_keeps_only_contacts_whose_consent_allows_it()
    {
        var page = await new ListContactsPage(_h.Factory, _h.Clock).ExecuteAsync(new ContactPageRequest(Purpose: "marketing.email"));

        Assert.Equal(["Ada", "Dee"], page.Value.Contacts.Select(c => c.Name.Value));
        Assert.Equal(string.Empty, page.Value.NextPageToken);
    }

    [Fact]
    public async Task Pages_cover_every_contact_once()
    {
        var use = new ListContactsPage(_h.Factory, _h.Clock);
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await use.ExecuteAsync(new ContactPageRequest(PageSize: 2, PageToken: token));
            seen.AddRange(page.Value.Contacts.Select(c => c.Name.Value));
            token = page.Value.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(["Ada", "Bob", "Cy", "Dee", "Eve"], seen);
    }

    [Theory]
    [InlineData(-1, null, "contact.page_size.invalid")]
    [InlineData(1001, null, "contact.page_size.invalid")]
    [InlineData(10, "garbage!", "contact.page_token.invalid")]
    public async Task Bad_paging_input_is_refused(int size, string? token, string code)
    {
        var result = await new ListContactsPage(_h.Factory, _h.Clock).ExecuteAsync(new ContactPageRequest(PageSize: size, PageToken: token));

        Assert.Equal(code, result.Error.Code);
    }
}
