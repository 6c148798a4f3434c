using System.Text.Json;
using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Scoring;

/// <summary>
/// `rapport scoring train` on the node's own deals: only contacts who consented to ai_training are read, so a contact
/// without that consent cannot change the model, and a revocation takes the contact out of the next one.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConversionTrainingTests
{
    [Fact]
    public async Task Changing_a_contact_without_consent_leaves_the_trained_model_bit_identical()
    {
        await using var node = await CrmNode.CreateAsync();
        await SalesPipelineAsync(node);
        for (var i = 0; i < 12; i++)
        {
            await CustomerAsync(node, $"Consenting {i:00}", consents: true, won: i % 2 == 0, meetings: i % 2 == 0 ? 3 : 0);
        }

        var outsider = await CustomerAsync(node, "Outsider", consents: false, won: true, meetings: 2);

        var first = await node.RunAsync("scoring", "train", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());

        // Everything about the outsider changes: details, history, deals.
        Assert.Equal(0, (await node.RunAsync("contacts", "update", outsider, "--name", "Outsider Renamed", "--company", "Elsewhere")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("interactions", "log", "--contact", outsider, "--type", "call", "--summary", "again")).ExitCode);
        await DealAsync(node, outsider, won: false);

        var second = await node.RunAsync("scoring", "train", "--json");
        Assert.True(second.ExitCode == 0, second.ToString());

        Assert.Equal(12, first.Json.GetProperty("rows").GetInt32());
        Assert.Equal("Conversion", first.Json.GetProperty("task").GetString());
        Assert.Equal(first.Json.GetProperty("model").GetString(), second.Json.GetProperty("model").GetString());
        Assert.Equal(first.Json.GetProperty("dataSnapshot").GetString(), second.Json.GetProperty("dataSnapshot").GetString());
        // The outsider was never a candidate: no decision names them, and nothing else does either.
        Assert.DoesNotContain(await node.AuditLinesAsync(), line => line.Contains(outsider, StringComparison.Ordinal) && line.Contains("train_model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revocation_takes_the_contact_out_of_the_next_training_set_with_an_audited_denial()
    {
        await using var node = await CrmNode.CreateAsync();
        await SalesPipelineAsync(node);
        string? revoking = null;
        for (var i = 0; i < 12; i++)
        {
            var id = await CustomerAsync(node, $"Consenting {i:00}", consents: true, won: i % 2 == 0, meetings: i % 3);
            revoking ??= id;
        }

        await DealAsync(node, revoking!, won: false);
        var before = await node.RunAsync("scoring", "train", "--json");
        Assert.Equal(0, (await node.RunAsync("consent", "grant", "--contact", revoking!, "--purpose", "analytics", "--source", "form")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("deals", "create", "--contact", revoking!, "--pipeline", "sales", "--title", "Renewal", "--value", "400", "--currency", "EUR")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("scoring", "batch")).ExitCode);
        var cachedBefore = await node.CountAsync($"score_cache WHERE contact_id = '{revoking}'");
        Assert.Equal(0, (await node.RunAsync("consent", "revoke", "--contact", revoking!, "--purpose", "ai_training")).ExitCode);
        var cachedAfter = await node.CountAsync($"score_cache WHERE contact_id = '{revoking}'");

        var after = await node.RunAsync("scoring", "train", "--json");

        Assert.True(after.ExitCode == 0, after.ToString());
        // Its lead score, relationship strength and open deal's chance were cached by the batch; the revocation purged them.
        Assert.Equal(3, cachedBefore);
        Assert.Equal(0, cachedAfter);
        Assert.Equal(13, before.Json.GetProperty("rows").GetInt32());
        Assert.Equal(11, after.Json.GetProperty("rows").GetInt32());
        Assert.NotEqual(before.Json.GetProperty("dataSnapshot").GetString(), after.Json.GetProperty("dataSnapshot").GetString());
        var denial = Assert.Single(await node.AuditLinesAsync(), line => line.Contains(revoking!, StringComparison.Ordinal) && line.Contains("deny", StringComparison.Ordinal));
        Assert.Contains("CONSENT_REVOKED", denial, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_deal_is_scored_with_the_newest_model_and_explained_with_the_contacts_analytics_consent()
    {
        await using var node = await CrmNode.CreateAsync();
        await SalesPipelineAsync(node);
        for (var i = 0; i < 12; i++)
        {
            await CustomerAsync(node, $"Consenting {i:00}", consents: true, won: i % 2 == 0, meetings: i % 2 == 0 ? 2 : 0);
        }

        var model = (await node.RunAsync("scoring", "train", "--json")).Json.GetProperty("id").GetString()!;
        var prospect = (await node.RunAsync("contacts", "add", "--name", "Prospect", "--email", "prospect@example.org", "--json")).Json.GetProperty("id").GetString()!;
        var deal = (await node.RunAsync("deals", "create", "--contact", prospect, "--pipeline", "sales", "--title", "Pilot", "--value", "500", "--currency", "EUR", "--json"))
            .Json.GetProperty("id").GetString()!;
        Assert.Equal(0, (await node.RunAsync("interactions", "log", "--contact", prospect, "--type", "meeting", "--summary", "demo")).ExitCode);

        var withoutConsent = await node.RunAsync("scoring", "explain", "--contact", prospect, "--json");
        Assert.Equal(0, (await node.RunAsync("consent", "grant", "--contact", prospect, "--purpose", "analytics", "--source", "form")).ExitCode);
        var explained = await node.RunAsync("scoring", "explain", "--contact", prospect, "--json");
        var text = await node.RunAsync("scoring", "explain", "--contact", prospect);

        Assert.Equal(2, withoutConsent.ExitCode);
        Assert.True(explained.ExitCode == 0, explained.ToString());
        var scored = Assert.Single(explained.Json.GetProperty("deals").EnumerateArray());
        Assert.Equal(deal, scored.GetProperty("deal").GetString());
        Assert.Equal(model, scored.GetProperty("model").GetString());
        Assert.InRange(scored.GetProperty("probability").GetDouble(), 0, 1);
        var contributions = scored.GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(19, contributions.Count);
        Assert.Equal(scored.GetProperty("rawScore").GetDouble(), scored.GetProperty("baseline").GetDouble() + contributions.Sum(c => c.GetProperty("contribution").GetDouble()), 1e-4);
        Assert.Contains("chance of being won", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_few_consented_outcomes_are_refused_with_the_counts_and_nothing_is_kept()
    {
        await using var node = await CrmNode.CreateAsync();
        await SalesPipelineAsync(node);
        for (var i = 0; i < 4; i++)
        {
            await CustomerAsync(node, $"Consenting {i}", consents: true, won: true, meetings: 1);
        }

        await CustomerAsync(node, "Outsider", consents: false, won: false, meetings: 0);

        var refused = await node.RunAsync("scoring", "train", "--json");

        Assert.Equal(2, refused.ExitCode);
        var error = JsonDocument.Parse(refused.Error).RootElement;
        Assert.Equal("SCORING_NOT_ENOUGH_DATA", error.GetProperty("error").GetString());
        Assert.Contains("the 4 contact(s) who consented to ai_training have 4 won and 0 lost", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await node.CountAsync("model"));
    }

    [Fact]
    public async Task Csv_options_without_a_csv_file_are_refused()
    {
        await using var node = await CrmNode.CreateAsync();

        var refused = await node.RunAsync("scoring", "train", "--label", "churn", "--json");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("INVALID_ARGUMENTS", JsonDocument.Parse(refused.Error).RootElement.GetProperty("error").GetString());
    }

    private static async Task SalesPipelineAsync(CrmNode node) =>
        Assert.Equal(0, (await node.RunAsync("pipelines", "create", "Sales", "--stage", "Lead:10", "--stage", "Proposal:50", "--stage", "Won:100")).ExitCode);

    private static async Task<string> CustomerAsync(CrmNode node, string name, bool consents, bool won, int meetings)
    {
        var email = name.Replace(' ', '.').ToLowerInvariant() + "@example.org";
        var id = (await node.RunAsync("contacts", "add", "--name", name, "--email", email, "--json")).Json.GetProperty("id").GetString()!;
        if (consents)
        {
            Assert.Equal(0, (await node.RunAsync("consent", "grant", "--contact", id, "--purpose", "ai_training", "--source", "form")).ExitCode);
        }

        for (var m = 0; m < meetings; m++)
        {
            Assert.Equal(0, (await node.RunAsync("interactions", "log", "--contact", id, "--type", "meeting", "--summary", "talk")).ExitCode);
        }

        await DealAsync(node, id, won);
        return id;
    }

    private static async Task DealAsync(CrmNode node, string contact, bool won)
    {
        var deal = (await node.RunAsync("deals", "create", "--contact", contact, "--pipeline", "sales", "--title", "Licence", "--value", won ? "900" : "300", "--currency", "EUR", "--json"))
            .Json.GetProperty("id").GetString()!;
        var closed = won ? await node.RunAsync("deals", "won", deal) : await node.RunAsync("deals", "lost", deal, "--reason", "budget");
        Assert.True(closed.ExitCode == 0, closed.ToString());
    }
}
