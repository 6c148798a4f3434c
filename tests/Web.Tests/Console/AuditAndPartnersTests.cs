using System.Net;
using System.Text.RegularExpressions;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Contacts;
using Rapport.Application.Partners;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed partial class AuditAndPartnersTests
{
    [Fact]
    public async Task The_audit_page_searches_by_contact_actor_action_and_decision_newest_first()
    {
        ContactId ada = default!;
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            ada = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace"))).Value.Id;
            Assert.True((await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Grace Hopper"))).IsSuccess);
        });
        using var client = await node.SignedInClientAsync();
        await client.PageAsync($"/contacts/{ada}");

        var byContact = await client.PageAsync($"/audit?contact={ada}");
        Assert.Contains("contact.created", byContact, StringComparison.Ordinal);
        Assert.Contains("policy.decided", byContact, StringComparison.Ordinal);
        Assert.DoesNotContain("Grace Hopper", byContact, StringComparison.Ordinal);

        var byConsole = await client.PageAsync("/audit?actor=web%3Aadmin&action=policy.");
        Assert.DoesNotContain(">contact.created<", byConsole, StringComparison.Ordinal);
        Assert.Contains(">policy.decided<", byConsole, StringComparison.Ordinal);
        var sequences = Row().Matches(byConsole).Select(m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);

        // The contact page asked for a lead score, which Ada's consent (no analytics) denies: the one denial.
        var denials = await client.PageAsync("/audit?decision=deny");
        Assert.Contains("action=score_lead", denials, StringComparison.Ordinal);
        Assert.DoesNotContain("verdict=allow", denials, StringComparison.Ordinal);
        Assert.Contains("No entry matches.", await client.PageAsync("/audit?from=2001-01-01&to=2001-01-02"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_page_shows_fifty_entries_and_pages_to_older_ones()
    {
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            for (var i = 0; i < 70; i++)
            {
                Assert.True((await opened.Get<CreateContact>().ExecuteAsync(new ContactInput($"Person {i}"))).IsSuccess);
            }
        });
        using var client = await node.SignedInClientAsync();
        var first = await client.PageAsync("/audit?action=contact.created");
        var firstRows = Row().Matches(first).Select(m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(50, firstRows.Count);
        var older = Regex.Match(first, "href=\"(?<link>/audit\\?[^\"]+)\" rel=\"next\"").Groups["link"].Value;
        var second = await client.PageAsync(System.Net.WebUtility.HtmlDecode(older));
        var secondRows = Row().Matches(second).Select(m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(20, secondRows.Count);
        Assert.True(secondRows.Max() < firstRows.Min());
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_of_entries_written_at_one_instant_follow_each_other_without_a_gap()
    {
        // One import writes every contact.imported entry at the same instant: paging by time would skip all but 50.
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            var csv = new System.Text.StringBuilder("name,email\n");
            for (var i = 0; i < 120; i++)
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Person {i},p{i}@example.org\n");
            }

            var imported = await opened.Get<ImportContactsCsv>().ExecuteAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.ToString())), skipInvalid: false);
            Assert.Equal(120, imported.Value.Imported);
        });
        using var client = await node.SignedInClientAsync();
        var seen = new List<int>();
        var link = "/audit?action=contact.imported";
        for (var page = 0; page < 5 && link.Length > 0; page++)
        {
            var html = await client.PageAsync(link);
            seen.AddRange(Row().Matches(html).Select(m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)));
            link = System.Net.WebUtility.HtmlDecode(Regex.Match(html, "href=\"(?<link>/audit\\?[^\"]+)\" rel=\"next\"").Groups["link"].Value);
        }

        Assert.Equal(120, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Equal(120, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("/audit?before=last-tuesday", "page link is not valid")]
    [InlineData("/audit?before=-3", "page link is not valid")]
    [InlineData("/audit?before=0", "page link is not valid")]
    [InlineData("/audit?contact=%3Cscript%3E", "is not a contact id")]
    [InlineData("/audit?from=yesterday", "is not a date")]
    [InlineData("/audit?to=2026-13-45", "is not a date")]
    public async Task A_bad_filter_is_named(string path, string problem)
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(problem, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_the_chain_from_the_page_reports_the_entries_checked()
    {
        await using var node = await WebNode.StartAsync(seed: async opened => Assert.True((await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada"))).IsSuccess));
        using var client = await node.SignedInClientAsync();
        using var verified = await client.SubmitAsync("/audit", []);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Matches("The chain is intact: [0-9,]+ entries checked", await verified.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_partner_added_on_the_page_shows_its_key_once_and_a_revoked_one_is_marked()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var added = await client.SubmitAsync("/partners", [new("Form.Name", "mailer"), new("Form.Scopes", "contacts:read"), new("Form.Rate", "20/s")]);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var html = await added.Content.ReadAsStringAsync();
        var key = Regex.Match(html, "<code class=\"secret\">(?<key>[^<]+)</code>").Groups["key"].Value;
        Assert.NotEmpty(key);
        Assert.True((await node.Get<AuthenticatePartner>().ExecuteAsync(key)).IsSuccess);

        var list = await client.PageAsync("/partners");
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Contains("<td>never</td>", list, StringComparison.Ordinal);

        // A call, audited as the gRPC API audits it, is the partner's last use.
        await node.Get<RecordPartnerCall>().ExecuteAsync("mailer", "/rapport.v1.ContactsService/GetContact", "ok");
        list = await client.PageAsync("/partners");
        Assert.DoesNotContain("<td>never</td>", list, StringComparison.Ordinal);
        Assert.Contains("contacts:read", list, StringComparison.Ordinal);
        Assert.Contains("20/s", list, StringComparison.Ordinal);

        using var revoked = await client.SubmitAsync("/partners/mailer/revoke", [], formPath: "/partners");
        Assert.Equal(HttpStatusCode.Found, revoked.StatusCode);
        Assert.Contains("revoked", await client.PageAsync("/partners"), StringComparison.Ordinal);
        // The node's partner directory takes a revocation within its refresh interval.
        await Task.Delay(PartnerDirectory.RefreshInterval * 2);
        Assert.Equal(AuthenticatePartner.RevokedKey, (await node.Get<AuthenticatePartner>().ExecuteAsync(key)).Error);
    }

    [Theory]
    [InlineData("", "contacts:read", "")]
    [InlineData("mailer", "", "")]
    [InlineData("mailer", "contacts:read", "fast")]
    public async Task A_partner_with_a_bad_name_scope_or_rate_is_refused_with_why(string name, string scope, string rate)
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var refused = await client.SubmitAsync("/partners", [new("Form.Name", name), new("Form.Scopes", scope), new("Form.Rate", rate)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await node.Get<ListPartners>().ExecuteAsync());
    }

    [GeneratedRegex("<th scope=\"row\">(?<n>[0-9]+)</th>")]
    private static partial Regex Row();
}
