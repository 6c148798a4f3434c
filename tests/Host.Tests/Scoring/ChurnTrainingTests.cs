using System.Text.Json;
using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Scoring;

/// <summary>
/// `rapport scoring train --task churn`: learns from the node's customers (a won deal) whether they left (tagged
/// churned), reading only those who consented to ai_training; a customer who stays is then given a churn risk.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ChurnTrainingTests
{
    [Fact]
    public async Task Customers_who_left_are_learned_from_and_a_customer_who_stays_gets_an_explained_churn_risk()
    {
        await using var node = await CrmNode.CreateAsync();
        Assert.Equal(0, (await node.RunAsync("pipelines", "create", "Sales", "--stage", "Lead:10", "--stage", "Won:100")).ExitCode);
        for (var i = 0; i < 12; i++)
        {
            await CustomerAsync(node, $"Customer {i:00}", consents: true, left: i % 2 == 0, meetings: i % 2 == 0 ? 0 : 3);
        }

        var outsider = await CustomerAsync(node, "Outsider", consents: false, left: true, meetings: 0);
        var staying = await CustomerAsync(node, "Staying", consents: true, left: false, meetings: 2);
        Assert.Equal(0, (await node.RunAsync("consent", "grant", "--contact", staying, "--purpose", "analytics", "--source", "form")).ExitCode);

        var trained = await node.RunAsync("scoring", "train", "--task", "churn", "--json");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        Assert.Equal("Churn", trained.Json.GetProperty("task").GetString());
        Assert.Equal(13, trained.Json.GetProperty("rows").GetInt32());
        Assert.Equal(6, trained.Json.GetProperty("positives").GetInt32());
        Assert.Equal("customer left (tag churned)", trained.Json.GetProperty("label").GetString());

        // The outsider never consented to ai_training: changing them leaves the model as it was.
        Assert.Equal(0, (await node.RunAsync("contacts", "update", outsider, "--company", "Elsewhere")).ExitCode);
        var again = await node.RunAsync("scoring", "train", "--task", "churn", "--json");
        Assert.Equal(trained.Json.GetProperty("model").GetString(), again.Json.GetProperty("model").GetString());

        var explained = await node.RunAsync("scoring", "explain", "--contact", staying, "--json");
        Assert.True(explained.ExitCode == 0, explained.ToString());
        var churn = explained.Json.GetProperty("churn");
        Assert.Equal(again.Json.GetProperty("id").GetString(), churn.GetProperty("model").GetString());
        Assert.InRange(churn.GetProperty("probability").GetDouble(), 0, 1);
        var contributions = churn.GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(18, contributions.Count);
        Assert.Equal(churn.GetProperty("rawScore").GetDouble(), churn.GetProperty("baseline").GetDouble() + contributions.Sum(c => c.GetProperty("contribution").GetDouble()), 1e-4);
    }

    [Fact]
    public async Task An_unknown_task_and_a_task_with_a_csv_file_are_refused()
    {
        await using var node = await CrmNode.CreateAsync();
        await File.WriteAllTextAsync(node.File("t.csv"), "a,b\n1,yes\n");

        var unknown = await node.RunAsync("scoring", "train", "--task", "upsell", "--json");
        var both = await node.RunAsync("scoring", "train", "--task", "churn", "--csv", node.File("t.csv"), "--label", "b", "--positive", "yes", "--json");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'upsell' is not a task", JsonDocument.Parse(unknown.Error).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Equal(0, await node.CountAsync("model"));
    }

    private static async Task<string> CustomerAsync(CrmNode node, string name, bool consents, bool left, int meetings)
    {
        var email = name.Replace(' ', '.').ToLowerInvariant() + "@example.org";
        var id = (await node.RunAsync("contacts", "add", "--name", name, "--email", email, "--json")).Json.GetProperty("id").GetString()!;
        if (consents)
        {
            Assert.Equal(0, (await node.RunAsync("consent", "grant", "--contact", id, "--purpose", "ai_training", "--source", "form")).ExitCode);
        }

        var deal = (await node.RunAsync("deals", "create", "--contact", id, "--pipeline", "sales", "--title", "Licence", "--value", "900", "--currency", "EUR", "--json"))
            .Json.GetProperty("id").GetString()!;
        Assert.Equal(0, (await node.RunAsync("deals", "won", deal)).ExitCode);
        for (var m = 0; m < meetings; m++)
        {
            Assert.Equal(0, (await node.RunAsync("interactions", "log", "--contact", id, "--type", "meeting", "--summary", "review")).ExitCode);
        }

        if (left)
        {
            Assert.Equal(0, (await node.RunAsync("contacts", "update", id, "--add-tag", "churned")).ExitCode);
        }

        return id;
    }
}
