using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Audit.Query;
using Rapport.Application.Consent.Record;
using Rapport.Application.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed class ContactScoresTests
{
    [Fact]
    public async Task The_contact_page_shows_its_deals_and_a_lead_score_with_its_reasons_only_with_analytics_consent()
    {
        ContactId consenting = default!;
        ContactId other = default!;
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            consenting = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace", "ada@example.org"))).Value.Id;
            other = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Grace Hopper"))).Value.Id;
            Assert.True((await opened.Get<RecordConsent>().ExecuteAsync(new RecordConsentCommand(
                consenting, Purpose.Analytics, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "test"))).IsSuccess);
            Assert.True((await opened.Get<CreatePipeline>().ExecuteAsync("sales", ["lead:10", "won:100"])).IsSuccess);
            Assert.True((await opened.Get<CreateDeal>().ExecuteAsync(new CreateDealRequest(consenting, "sales", "Analytical engine", "1200", "EUR"))).IsSuccess);
        });
        using var client = await node.SignedInClientAsync();

        var scored = await client.PageAsync($"/contacts/{consenting}");
        Assert.Contains("Analytical engine", scored, StringComparison.Ordinal);
        Assert.Contains("1200.00 EUR", scored, StringComparison.Ordinal);
        Assert.Matches("<strong>Lead score [0-9]+</strong> of 100", scored);
        Assert.Contains("Why this score", scored, StringComparison.Ordinal);

        var unscored = await client.PageAsync($"/contacts/{other}");
        Assert.Contains("No deal yet.", unscored, StringComparison.Ordinal);
        Assert.Contains("No score:", unscored, StringComparison.Ordinal);
        Assert.DoesNotContain("Lead score", unscored, StringComparison.Ordinal);

        var audit = (await node.Get<QueryAuditLog>().ExecuteAsync(new AuditLogQuery(null, other, 100) { Verdict = Application.Audit.AuditVerdict.Deny })).Value;
        Assert.NotEmpty(audit);
    }
}
