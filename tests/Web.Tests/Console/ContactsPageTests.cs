using System.Net;
using Rapport.Adapters.Web.Hosting;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Audit.Query;
using Rapport.Application.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed class ContactsPageTests
{
    private static readonly string[] Names = ["Ada Lovelace", "Grace Hopper", "Alan Turing"];

    [Fact]
    public async Task The_table_lists_contacts_by_name_and_every_read_is_decided_by_the_gate_and_audited_as_the_console()
    {
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            foreach (var name in Names)
            {
                Assert.True((await opened.Get<CreateContact>().ExecuteAsync(new ContactInput(name, Tags: ["vip"]))).IsSuccess);
            }
        });
        using var client = await node.SignedInClientAsync();
        var html = await client.PageAsync("/contacts");
        var positions = Names.Order(StringComparer.Ordinal).Select(n => html.IndexOf(n, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);

        var audit = await node.Get<QueryAuditLog>().ExecuteAsync(new AuditLogQuery(null, null, 100));
        var read = Assert.Single(audit.Value, e => e.Event.Actor == WebConsole.Actor && e.Event.Action == PolicyAuditEvents.DecidedMany);
        Assert.Equal("3 contacts", read.Event.Subject);
    }

    [Fact]
    public async Task Search_and_tag_narrow_the_table_and_pages_continue_with_a_next_link()
    {
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            for (var i = 0; i < 120; i++)
            {
                Assert.True((await opened.Get<CreateContact>().ExecuteAsync(new ContactInput($"Person {i:D3}", Tags: [i % 2 == 0 ? "even" : "odd"]))).IsSuccess);
            }
        });
        using var client = await node.SignedInClientAsync();
        var first = await client.PageAsync("/contacts?tag=even");
        Assert.Contains("Person 000", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Person 001", first, StringComparison.Ordinal);
        var next = System.Text.RegularExpressions.Regex.Match(first, "href=\"(?<link>/contacts\\?[^\"]+)\" rel=\"next\"").Groups["link"].Value;
        Assert.NotEmpty(next);
        var second = await client.PageAsync(WebUtility.HtmlDecode(next));
        Assert.Contains("Person 100", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Person 000", second, StringComparison.Ordinal);

        var searched = await client.PageAsync("/contacts?q=Person%2007");
        Assert.Contains("Person 070", searched, StringComparison.Ordinal);
        Assert.DoesNotContain("Person 080", searched, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Column_headers_sort_the_table_turn_the_order_round_and_pages_keep_it()
    {
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            var companies = new[] { "Zeta", "acme", "Beta" };
            for (var i = 0; i < 60; i++)
            {
                var contact = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput($"Person {i:D2}", Company: $"{companies[i % 3]} {i / 3:D2}"))).Value;
                if (i is 7 or 42)
                {
                    var at = new DateTimeOffset(2026, 11, i == 7 ? 1 : 20, 9, 0, 0, TimeSpan.Zero);
                    Assert.True((await opened.Get<Rapport.Application.Interactions.LogInteraction>().ExecuteAsync(
                        new(contact.Id, Rapport.Domain.Interactions.InteractionType.Call, "Called", At: at))).IsSuccess);
                }
            }
        });
        using var client = await node.SignedInClientAsync();

        var byName = await client.PageAsync("/contacts");
        Assert.Contains("<th scope=\"col\" aria-sort=\"ascending\"><a href=\"/contacts?sort=name&amp;dir=desc\"", byName, StringComparison.Ordinal);
        Assert.Contains("Contacts sorted by name, A to Z", byName, StringComparison.Ordinal);

        // Company, A to Z ignoring case: acme 00…, then Beta 00…; the link on the sorted column turns it round.
        var byCompany = await client.PageAsync("/contacts?sort=company");
        Assert.True(byCompany.IndexOf("acme 00", StringComparison.Ordinal) < byCompany.IndexOf("Beta 00", StringComparison.Ordinal));
        Assert.Contains("Zeta 09", byCompany, StringComparison.Ordinal);
        Assert.DoesNotContain("Zeta 10", byCompany, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"ascending\"><a href=\"/contacts?sort=company&amp;dir=desc\"", byCompany, StringComparison.Ordinal);
        var next = System.Text.RegularExpressions.Regex.Match(byCompany, "href=\"(?<link>/contacts\\?[^\"]+)\" rel=\"next\"").Groups["link"].Value;
        Assert.StartsWith("/contacts?sort=company&amp;after=", next, StringComparison.Ordinal);
        var secondPage = await client.PageAsync(WebUtility.HtmlDecode(next));
        Assert.Contains("Zeta 19", secondPage, StringComparison.Ordinal);
        Assert.DoesNotContain("acme", secondPage, StringComparison.Ordinal);

        var companyDescending = await client.PageAsync("/contacts?sort=company&dir=desc");
        Assert.True(companyDescending.IndexOf("Zeta 19", StringComparison.Ordinal) < companyDescending.IndexOf("Zeta 18", StringComparison.Ordinal));
        Assert.Contains("aria-sort=\"descending\"", companyDescending, StringComparison.Ordinal);

        // Most recent first: the two who were called lead, the rest (never) follow.
        var recent = await client.PageAsync("/contacts?sort=last_interaction&dir=desc");
        Assert.Contains("Contacts sorted by last interaction, most recent first", recent, StringComparison.Ordinal);
        var p42 = recent.IndexOf("Person 42", StringComparison.Ordinal);
        var p07 = recent.IndexOf("Person 07", StringComparison.Ordinal);
        var never = recent.IndexOf(">never<", StringComparison.Ordinal);
        Assert.True(p42 > 0 && p42 < p07 && p07 < never, $"42 at {p42}, 07 at {p07}, first never at {never}");
        Assert.Contains("2026-11-20 09:00 UTC", recent, StringComparison.Ordinal);

        // A search keeps the order it was asked in.
        Assert.Contains("<input type=\"hidden\" name=\"sort\" value=\"last_interaction\" />", recent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/contacts?sort=phone", "cannot sort by")]
    [InlineData("/contacts?sort=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "&lt;script&gt;")]
    [InlineData("/contacts?sort=name&after=ZG5h", "page_token")]
    public async Task A_made_up_sort_is_refused_with_a_message_and_shown_as_text(string url, string shown)
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains(shown, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_made_up_page_link_is_refused_with_a_message()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var response = await client.GetAsync("/contacts?after=not-a-token");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_added_in_the_form_is_saved_audited_and_shown_on_its_page()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var response = await client.SubmitAsync("/contacts/new", Form(("Name", "Katherine Johnson"), ("Email", "kj@nasa.example"), ("Tags", "vip, math"), ("Fields", "plan=text:gold")));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var page = await client.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("<h1>Katherine Johnson</h1>", page, StringComparison.Ordinal);
        Assert.Contains("kj@nasa.example", page, StringComparison.Ordinal);
        Assert.Contains("gold", page, StringComparison.Ordinal);

        var audit = await node.Get<QueryAuditLog>().ExecuteAsync(new AuditLogQuery(null, null, 100));
        Assert.Contains(audit.Value, e => e.Event.Actor == WebConsole.Actor && e.Event.Action == "contact.created");
    }

    [Fact]
    public async Task Each_invalid_field_is_named_next_to_its_input_and_nothing_is_saved()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var response = await client.SubmitAsync("/contacts/new", Form(("Name", ""), ("Email", "not-an-address"), ("Phone", "12"), ("Fields", "plan")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"email-problem\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"phone-problem\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"fields-problem\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"name-problem\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not-an-address\"", html, StringComparison.Ordinal);
        Assert.Empty((await node.Get<ListContacts>().ExecuteAsync(null, null, null, "test")).Value);
    }

    [Fact]
    public async Task An_unknown_contact_is_a_clear_not_found()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        foreach (var path in new[] { "/contacts/00000000000000000000000000", "/contacts/..%2F..%2Fetc%2Fpasswd", "/contacts/%3Cscript%3E" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    internal static KeyValuePair<string, string>[] Form(params (string Field, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>("Input." + f.Field, f.Value))];
}
