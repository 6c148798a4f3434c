using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Scoring;

/// <summary>`rapport scoring score` on a real node: what the contact's deals, interactions and profile make of the score.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScoringCliTests
{
    [Fact]
    public async Task A_consenting_customer_is_scored_from_their_own_deals_interactions_and_profile()
    {
        await using var node = await CrmNode.CreateAsync();
        var ada = (await node.RunAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org", "--phone", "+44 20 7946 0000", "--json")).Json.GetProperty("id").GetString()!;
        var bob = (await node.RunAsync("contacts", "add", "--name", "Bob", "--email", "bob@example.org", "--json")).Json.GetProperty("id").GetString()!;
        foreach (var contact in new[] { ada, bob })
        {
            Assert.Equal(0, (await node.RunAsync("consent", "grant", "--contact", contact, "--purpose", "analytics", "--source", "form")).ExitCode);
        }

        Assert.Equal(0, (await node.RunAsync("pipelines", "create", "Sales", "--stage", "Lead:10", "--stage", "Won:100")).ExitCode);
        var won = (await node.RunAsync("deals", "create", "--contact", ada, "--pipeline", "sales", "--title", "T", "--value", "100", "--currency", "EUR", "--json")).Json.GetProperty("id").GetString()!;
        Assert.Equal(0, (await node.RunAsync("deals", "won", won)).ExitCode);
        Assert.Equal(0, (await node.RunAsync("deals", "create", "--contact", bob, "--pipeline", "sales", "--title", "T", "--value", "100", "--currency", "EUR")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("interactions", "log", "--contact", ada, "--type", "meeting", "--summary", "kick-off")).ExitCode);

        var adaScore = await node.RunAsync("scoring", "score", "--contact", ada, "--json");
        var bobScore = await node.RunAsync("scoring", "score", "--contact", bob, "--json");
        var table = await node.RunAsync("scoring", "score", "--contact", ada);
        var cy = (await node.RunAsync("contacts", "add", "--name", "Cy", "--email", "cy@example.org", "--json")).Json.GetProperty("id").GetString()!;
        var batch = await node.RunAsync("scoring", "batch", "--json");

        Assert.True(adaScore.ExitCode == 0, adaScore.ToString());
        var components = adaScore.Json.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Equal(1.0, components["qualification"].GetProperty("value").GetDouble());
        Assert.Equal("customer in the pipeline", components["qualification"].GetProperty("explanation").GetString());
        Assert.Equal(2 / 3.0, components["profile_completeness"].GetProperty("value").GetDouble(), 6);
        Assert.True(components["freshness"].GetProperty("value").GetDouble() > 0.99);
        // One meeting the business logged today: recent and frequent, not yet reciprocal.
        var strength = adaScore.Json.GetProperty("strength");
        var parts = strength.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("value").GetDouble());
        Assert.True(parts["recency"] > 0.99);
        Assert.Equal(0, parts["reciprocity"]);
        Assert.Equal(strength.GetProperty("score").GetDouble(), strength.GetProperty("components").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble()), 3);
        Assert.Equal(adaScore.Json.GetProperty("rawScore").GetDouble(), components.Values.Sum(c => c.GetProperty("contribution").GetDouble()), 6);
        Assert.Contains("opportunity in the pipeline", bobScore.Out, StringComparison.Ordinal);
        Assert.True(adaScore.Json.GetProperty("score").GetDouble() > bobScore.Json.GetProperty("score").GetDouble());
        Assert.Contains("lead score", table.Out, StringComparison.Ordinal);
        Assert.Contains("qualification", table.Out, StringComparison.Ordinal);

        // The batch scores exactly the contacts who consented to analytics, best first, and says how far it got.
        Assert.True(batch.ExitCode == 0, batch.ToString());
        Assert.Equal([ada, bob], batch.Json.EnumerateArray().Select(l => l.GetProperty("contact").GetString()));
        Assert.DoesNotContain(cy, batch.Out, StringComparison.Ordinal);
        Assert.Contains("scoring: 2 contacts decided, 2 scored", batch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_business_weights_are_read_from_its_file_and_a_bad_file_is_refused_with_what_is_wrong()
    {
        await using var node = await CrmNode.CreateAsync();
        var ada = (await node.RunAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org", "--json")).Json.GetProperty("id").GetString()!;
        Assert.Equal(0, (await node.RunAsync("consent", "grant", "--contact", ada, "--purpose", "analytics", "--source", "form")).ExitCode);
        await File.WriteAllTextAsync(node.Data.LeadWeightsPath,
            """{ "version": 2, "qualification": 100, "recentActivity": 0, "freshness": 0, "completeness": 0, "engagement": 0, "customFields": 0 }""");

        var weighted = await node.RunAsync("scoring", "score", "--contact", ada, "--json");
        await File.WriteAllTextAsync(node.Data.LeadWeightsPath, """{ "version": 3, "qualification": 250 }""");
        var refused = await node.RunAsync("scoring", "batch", "--json");

        Assert.True(weighted.ExitCode == 0, weighted.ToString());
        Assert.Equal(2, weighted.Json.GetProperty("weightsVersion").GetInt32());
        Assert.Equal(30, weighted.Json.GetProperty("score").GetDouble(), 6);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("SCORING_WEIGHTS_INVALID", refused.Error, StringComparison.Ordinal);
        Assert.Contains("lead-weights.json holds no valid lead-score weights", refused.Error, StringComparison.Ordinal);
    }
}
