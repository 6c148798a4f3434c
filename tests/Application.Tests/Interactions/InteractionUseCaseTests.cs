using NSubstitute;
using Rapport.Application.Interactions;
using Rapport.Application.Tests.Contacts;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Application.Tests.Interactions;

public sealed class InteractionUseCaseTests
{
    private readonly CrmHarness _h = new();

    [Fact]
    public async Task Log_adds_interaction_touches_contact_and_audits()
    {
        var contact = Contact.Create(new ContactId(Guid.NewGuid()), ContactDetails.Named(PersonName.Create("Ada").Value), CrmHarness.Now.AddDays(-3));
        _h.Contacts.GetAsync(contact.Id, Arg.Any<CancellationToken>()).Returns(contact);
        var at = CrmHarness.Now.AddHours(-2);
        var result = await new LogInteraction(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(
            new LogInteractionRequest(contact.Id, InteractionType.Call, "Renewal call", At: at, Duration: TimeSpan.FromMinutes(15)));
        await _h.Interactions.Received(1).AddAsync(result.Value, Arg.Any<CancellationToken>());
        await _h.Contacts.Received(1).UpdateAsync(Arg.Is<Contact>(c => c.LastInteractionAt == at), Arg.Any<CancellationToken>());
        Assert.Equal("interaction.logged", Assert.Single(_h.Events).Action);
        await _h.CommittedAsync();
    }

    [Fact]
    public async Task Log_for_unknown_contact_or_blank_summary_fails_without_commit()
    {
        var id = new ContactId(Guid.NewGuid());
        var unknown = await new LogInteraction(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new LogInteractionRequest(id, InteractionType.Call, "x"));
        Assert.Equal("contact", unknown.Error.Field);
        var blank = await new LogInteraction(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new LogInteractionRequest(id, InteractionType.Call, "  "));
        Assert.Equal("summary", blank.Error.Field);
        Assert.Empty(_h.Events);
        await _h.NotCommittedAsync();
    }
}
