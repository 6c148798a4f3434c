using System.Text.RegularExpressions;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Consent.Record;
using Rapport.Application.Contacts;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Host.Composition;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed partial class ConsentHealthTests
{
    [Fact]
    public async Task The_dashboard_counts_compliant_partial_and_blocked_per_purpose_lists_what_ends_soon_and_charts_denials()
    {
        var now = DateTimeOffset.UtcNow;
        ContactId soon = default!;
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            async Task<ContactId> Add(string name) => (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput(name))).Value.Id;
            var compliant = await Add("All In");
            var partial = await Add("Part Way");
            var later = await Add("Not Yet");
            soon = await Add("Ending Soon");
            var none = await Add("Never Asked");
            await RecordAsync(opened, compliant, Purpose.Marketing, []);
            await RecordAsync(opened, partial, Purpose.Marketing, [new(Valid(FieldKey.Parse("email")), AccessLevel.None)]);
            await RecordAsync(opened, later, Purpose.Marketing, [], effectiveFrom: now.AddDays(5));
            await RecordAsync(opened, soon, Purpose.Analytics, [], expiresAt: now.AddDays(10));

            // A denial: marketing for someone who never agreed.
            Assert.True((await opened.Get<ShowContactForPurpose>().ExecuteAsync(none, "marketing", "test")).IsFailure);
        });
        using var client = await node.SignedInClientAsync();
        var html = await client.PageAsync("/consent-health");

        var marketing = Regex.Match(html, "marketing \\(offers and newsletters\\)</th>\\s*<td data-kind=\"compliant\">(?<c>\\d+)</td>\\s*<td data-kind=\"partial\">(?<p>\\d+)</td>\\s*<td data-kind=\"blocked\">(?<b>\\d+)</td>");
        Assert.True(marketing.Success, html);
        Assert.Equal(("1", "1", "1"), (marketing.Groups["c"].Value, marketing.Groups["p"].Value, marketing.Groups["b"].Value));
        Assert.Contains($"<a href=\"/contacts/{soon}\">", html, StringComparison.Ordinal);
        Assert.Contains("Ending within 30 days (1)", html, StringComparison.Ordinal);
        Assert.Matches("Policy denials, last 30 days \\([1-9][0-9]*\\)", html);
        Assert.Contains("<svg class=\"chart\" role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("No sharing request sent yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_without_consent_says_so()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        var html = await client.PageAsync("/consent-health");
        Assert.Contains("No consent recorded yet.", html, StringComparison.Ordinal);
        Assert.Contains("Policy denials, last 30 days (0)", html, StringComparison.Ordinal);
    }

    private static async Task RecordAsync(
        OpenedNode opened, ContactId contact, Purpose purpose, IReadOnlyList<KeyValuePair<FieldKey, AccessLevel>> fields,
        DateTimeOffset? effectiveFrom = null, DateTimeOffset? expiresAt = null)
    {
        var recorded = await opened.Get<RecordConsent>().ExecuteAsync(new RecordConsentCommand(
            contact, purpose, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), fields, effectiveFrom, expiresAt, null, "test"));
        Assert.True(recorded.IsSuccess, recorded.IsFailure ? recorded.Error.ToString() : null);
    }

    private static T Valid<T>(Domain.Common.Result<T> result) => result.IsSuccess ? result.Value : throw new InvalidOperationException(result.Error.ToString());
}
