using System.Net;
using Rapport.Adapters.Web.Hosting;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Audit.Query;
using Rapport.Application.Contacts;
using Rapport.Application.Interactions;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed class TimelineTests
{
    [Fact]
    public async Task An_interaction_logged_on_the_contact_page_appears_newest_first_and_events_from_the_customer_are_marked()
    {
        ContactId id = default!;
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            id = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace"))).Value.Id;
            Assert.True((await opened.Get<LogInteraction>().ExecuteAsync(new LogInteractionRequest(id, InteractionType.PlatformEvent, "consent granted for marketing", At: DateTimeOffset.UtcNow.AddHours(-1)))).IsSuccess);
        });
        using var client = await node.SignedInClientAsync();
        var path = $"/contacts/{id}";
        using var logged = await client.SubmitAsync(path, [new("Entry.Type", "call"), new("Entry.Summary", "Called about the renewal <b>now</b>")]);
        Assert.Equal(HttpStatusCode.Found, logged.StatusCode);

        var html = await client.PageAsync(path);
        var call = html.IndexOf("Called about the renewal &lt;b&gt;now&lt;/b&gt;", StringComparison.Ordinal);
        var platform = html.IndexOf("consent granted for marketing", StringComparison.Ordinal);
        Assert.True(call > 0 && platform > call, "newest first");
        Assert.Contains("class=\"from-customer\"", html, StringComparison.Ordinal);
        Assert.Contains("from the customer&#x27;s node", html, StringComparison.Ordinal);

        var audit = (await node.Get<QueryAuditLog>().ExecuteAsync(new AuditLogQuery(null, id, 100))).Value;
        Assert.Contains(audit, e => e.Event.Actor == WebConsole.Actor && e.Event.Action == "interaction.logged");
        Assert.Contains(audit, e => e.Event.Actor == WebConsole.Actor && e.Event.Action == "policy.decided" && e.Event.Detail.Contains("read_interactions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("call", "", "summary")]
    [InlineData("platform-event", "forged", "Choose call, email, meeting or message.")]
    [InlineData("fax", "x", "Choose call, email, meeting or message.")]
    public async Task A_bad_entry_is_named_and_nothing_is_logged(string type, string summary, string problem)
    {
        ContactId id = default!;
        await using var node = await WebNode.StartAsync(seed: async opened => id = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace"))).Value.Id);
        using var client = await node.SignedInClientAsync();
        using var refused = await client.SubmitAsync($"/contacts/{id}", [new("Entry.Type", type), new("Entry.Summary", summary)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(problem, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await node.Get<ShowTimeline>().ExecuteAsync(id, 10, null, "test")).Value.Entries);
    }
}
