using NSubstitute;
using Rapport.Application.Contacts;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Tests.Contacts;

public sealed class ContactUseCaseTests
{
    private readonly CrmHarness _h = new();

    [Fact]
    public async Task Create_stores_audits_and_commits()
    {
        var result = await new CreateContact(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new ContactInput("Ada Lovelace", "ada@EXAMPLE.org", Tags: ["VIP"]));
        Assert.True(result.IsSuccess);
        await _h.Contacts.Received(1).AddAsync(result.Value, Arg.Any<CancellationToken>());
        var audit = Assert.Single(_h.Events);
        Assert.Equal("contact.created", audit.Action);
        Assert.Equal(result.Value.Id.ToString(), audit.ContactId);
        Assert.Equal("name=\"Ada Lovelace\" email=ada@example.org mode=external", audit.Detail);
        Assert.Equal(CrmHarness.Now, audit.At);
        await _h.CommittedAsync();
    }

    [Fact]
    public async Task Create_with_invalid_input_writes_and_audits_nothing()
    {
        var result = await new CreateContact(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new ContactInput("Ada", "ada@", "+1"));
        Assert.Equal("email", result.Error.Field);
        await _h.Contacts.DidNotReceiveWithAnyArgs().AddAsync(default!);
        Assert.Empty(_h.Events);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Create_with_taken_email_fails_without_commit()
    {
        var existing = Contact.Create(new ContactId(Guid.NewGuid()), ContactDetails.Named(PersonName.Create("X").Value), CrmHarness.Now);
        _h.Contacts.FindByEmailAsync(Arg.Any<EmailAddress>(), Arg.Any<CancellationToken>()).Returns(existing);
        var result = await new CreateContact(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new ContactInput("Ada", "ada@example.org"));
        Assert.Equal(ContactErrors.EmailDuplicate, result.Error.Code);
        Assert.Empty(_h.Events);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Update_changes_tags_and_audits_changed_fields()
    {
        var details = new ContactInput("Ada", "ada@example.org", Tags: ["a", "b"]).Validate().Value;
        var contact = Contact.Create(new ContactId(Guid.NewGuid()), details, CrmHarness.Now.AddDays(-1));
        _h.Contacts.GetAsync(contact.Id, Arg.Any<CancellationToken>()).Returns(contact);
        var result = await new UpdateContact(_h.Factory, _h.Clock).ExecuteAsync(contact.Id, new ContactChanges(AddTags: ["c"], RemoveTags: ["a"]));
        Assert.Equal(["b", "c"], result.Value.Tags.Values);
        Assert.Equal(CrmHarness.Now, result.Value.UpdatedAt);
        Assert.Equal("changed=tags", Assert.Single(_h.Events).Detail);
        await _h.CommittedAsync();
    }

    [Fact]
    public async Task Update_or_delete_of_unknown_contact_fails_without_commit()
    {
        var id = new ContactId(Guid.NewGuid());
        Assert.Equal(ContactErrors.NotFound, (await new UpdateContact(_h.Factory, _h.Clock).ExecuteAsync(id, new ContactChanges(Name: "B"))).Error.Code);
        Assert.Equal(ContactErrors.NotFound, (await new DeleteContact(_h.Factory, _h.Clock).ExecuteAsync(id)).Error.Code);
        Assert.Empty(_h.Events);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Delete_audits_and_commits()
    {
        var id = new ContactId(Guid.NewGuid());
        _h.Contacts.DeleteAsync(id, Arg.Any<CancellationToken>()).Returns(true);
        Assert.True((await new DeleteContact(_h.Factory, _h.Clock).ExecuteAsync(id)).IsSuccess);
        Assert.Equal("contact.deleted", Assert.Single(_h.Events).Action);
        await _h.CommittedAsync();
    }

    [Fact]
    public async Task List_rejects_an_invalid_tag_filter()
    {
        var result = await new ListContacts(_h.Factory, _h.Clock, new Application.Policy.Gate.ConsentGate(Domain.Policy.PolicyMatrix.Default, _h.Journal)).ExecuteAsync("no good!", null, null, "cli");
        Assert.Equal("tag", result.Error.Field);
    }
}
