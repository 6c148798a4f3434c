namespace Rapport.Host.Tests.Crm;

[Collection(ConsoleCollection.Name)]
public sealed class InteractionsAndDealsCliTests
{
    private static async Task<string> AddContactAsync(CrmNode node)
    {
        var add = await node.RunAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org", "--json");
        return add.Json.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Timeline_lists_interactions_newest_first()
    {
        await using var node = await CrmNode.CreateAsync();
        var id = await AddContactAsync(node);
        Assert.Equal(0, (await node.RunAsync("interactions", "log", "--contact", id, "--type", "call", "--summary", "first", "--at", "2026-01-01T10:00:00Z", "--duration", "1h30m")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("interactions", "log", "--contact", id, "--type", "meeting", "--summary", "second", "--at", "2026-03-01T10:00:00+01:00")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("interactions", "log", "--contact", id, "--type", "email", "--summary", "middle", "--at", "2026-02-01")).ExitCode);

        var timeline = await node.RunAsync("interactions", "timeline", id, "--json");
        Assert.Equal(new[] { "second", "middle", "first" }, timeline.Json.EnumerateArray().Select(e => e.GetProperty("summary").GetString()!).ToArray());
        Assert.Equal(90, timeline.Json[2].GetProperty("durationMinutes").GetDouble());
        var contact = await node.RunAsync("contacts", "show", id, "--json");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), contact.Json.GetProperty("lastInteractionAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("--at", "yesterday", "at")]
    [InlineData("--duration", "forever", "duration")]
    [InlineData("--type", "fax", "type")]
    public async Task Log_with_bad_input_exits_2_naming_the_field(string option, string value, string field)
    {
        await using var node = await CrmNode.CreateAsync();
        var id = await AddContactAsync(node);
        var args = new List<string> { "interactions", "log", "--contact", id, "--summary", "s" };
        if (option != "--type")
        {
            args.AddRange(["--type", "call"]);
        }

        args.AddRange([option, value]);
        var run = await node.RunAsync([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {field}:", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await node.CountAsync("interactions"));

        var unknown = await node.RunAsync("interactions", "log", "--contact", Guid.NewGuid().ToString("N"), "--type", "call", "--summary", "s");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: contact:", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deals_move_through_stages_and_forecast_is_weighted_per_month_and_currency()
    {
        await using var node = await CrmNode.CreateAsync();
        var contact = await AddContactAsync(node);
        var pipeline = await node.RunAsync("pipelines", "create", "Sales", "--stage", "Lead:10", "--stage", "Proposal:60", "--stage", "Won:100", "--json");
        Assert.True(pipeline.ExitCode == 0, pipeline.ToString());

        async Task<string> DealAsync(string value, string currency, string close)
        {
            var deal = await node.RunAsync("deals", "create", "--contact", contact, "--pipeline", "sales", "--title", "T", "--value", value, "--currency", currency, "--close", close, "--json");
            Assert.True(deal.ExitCode == 0, deal.ToString());
            return deal.Json.GetProperty("id").GetString()!;
        }

        var a = await DealAsync("1000.00", "EUR", "2027-03-31");
        var b = await DealAsync("500.50", "EUR", "2027-03-02");
        var c = await DealAsync("200", "USD", "2027-03-15");
        var d = await DealAsync("999", "EUR", "2027-04-01");

        var moved = await node.RunAsync("deals", "move", a, "--stage", "proposal", "--json");
        Assert.Equal(new[] { "Lead", "Proposal" }, moved.Json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("stage").GetString()!).ToArray());
        Assert.Equal(0, (await node.RunAsync("deals", "lost", d, "--reason", "budget cut")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("deals", "won", c)).ExitCode);
        Assert.Equal(2, (await node.RunAsync("deals", "won", c)).ExitCode);

        var forecast = await node.RunAsync("deals", "forecast", "--json");
        var line = Assert.Single(forecast.Json.EnumerateArray());
        Assert.Equal("2027-03", line.GetProperty("month").GetString());
        Assert.Equal("EUR", line.GetProperty("currency").GetString());
        Assert.Equal(650.05m, line.GetProperty("weighted").GetDecimal());

        var inProposal = await node.RunAsync("deals", "list", "--pipeline", "Sales", "--stage", "Proposal", "--json");
        Assert.Equal(a, Assert.Single(inProposal.Json.EnumerateArray()).GetProperty("id").GetString());
        Assert.Contains("deal.moved", await node.AuditActionsAsync());
        _ = b;
    }

    [Theory]
    [InlineData("--currency", "EURO", "currency")]
    [InlineData("--value", "12,50", "value")]
    [InlineData("--close", "31.03.2027", "close")]
    [InlineData("--pipeline", "Nope", "pipeline")]
    public async Task Deal_create_with_bad_input_exits_2_and_writes_nothing(string option, string value, string field)
    {
        await using var node = await CrmNode.CreateAsync();
        var contact = await AddContactAsync(node);
        Assert.Equal(0, (await node.RunAsync("pipelines", "create", "Sales", "--stage", "Lead:10")).ExitCode);
        var args = new Dictionary<string, string> { ["--contact"] = contact, ["--pipeline"] = "Sales", ["--title"] = "T", ["--value"] = "10", ["--currency"] = "EUR" };
        args[option] = value;
        var run = await node.RunAsync(["deals", "create", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {field}:", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await node.CountAsync("deals"));
    }

    [Fact]
    public async Task Pipeline_validation_and_unknown_stage()
    {
        await using var node = await CrmNode.CreateAsync();
        Assert.Equal(2, (await node.RunAsync("pipelines", "create", "P", "--stage", "Lead:101")).ExitCode);
        Assert.Equal(2, (await node.RunAsync("pipelines", "create", "P", "--stage", "Lead")).ExitCode);
        Assert.Equal(2, (await node.RunAsync("pipelines", "create", "P", "--stage", "Lead:1", "--stage", "lead:2")).ExitCode);
        Assert.Equal(0, (await node.RunAsync("pipelines", "create", "P", "--stage", "Lead:1")).ExitCode);
        Assert.Equal(2, (await node.RunAsync("pipelines", "create", "p", "--stage", "Lead:1")).ExitCode);
        var contact = await AddContactAsync(node);
        var deal = await node.RunAsync("deals", "create", "--contact", contact, "--pipeline", "P", "--title", "T", "--value", "1", "--currency", "EUR", "--json");
        var move = await node.RunAsync("deals", "move", deal.Json.GetProperty("id").GetString()!, "--stage", "Ghost");
        Assert.Equal(2, move.ExitCode);
        Assert.Contains("error: stage:", move.Error, StringComparison.Ordinal);
        var list = await node.RunAsync("pipelines", "list");
        Assert.Contains("Lead (1%)", list.Out, StringComparison.Ordinal);
    }
}
