using System.Net;
using Rapport.Adapters.Web.Hosting;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Audit.Query;
using Rapport.Application.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Host.Composition;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed class PipelineBoardTests
{
    /// <summary>A pipeline lead 10 % → proposal 50 % → won 100 %, with three open deals, two of them in the lead stage.</summary>
    internal static async Task SeedAsync(OpenedNode opened)
    {
        var contact = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace"))).Value.Id;
        Assert.True((await opened.Get<CreatePipeline>().ExecuteAsync("sales", ["lead:10", "proposal:50", "won:100"])).IsSuccess);
        foreach (var (title, value) in new[] { ("Analytical engine", "1000"), ("Difference engine", "3000"), ("Notes", "500") })
        {
            Assert.True((await opened.Get<CreateDeal>().ExecuteAsync(new CreateDealRequest(contact, "sales", title, value, "EUR"))).IsSuccess);
        }
    }

    [Fact]
    public async Task The_board_shows_each_stage_as_a_column_with_its_deals_and_weighted_forecast()
    {
        await using var node = await WebNode.StartAsync(seed: SeedAsync);
        using var client = await node.SignedInClientAsync();
        var html = await client.PageAsync("/pipeline");
        Assert.Contains("<h1>sales</h1>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("data-stage=\"lead\"", StringComparison.Ordinal) < html.IndexOf("data-stage=\"proposal\"", StringComparison.Ordinal));
        Assert.Contains("4500.00 EUR · weighted <strong>450.00 EUR</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/assets/board.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>sales</h1>", await client.PageAsync("/pipeline/SALES"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_from_the_cards_form_moves_the_deal_audits_it_and_returns_to_the_board()
    {
        await using var node = await WebNode.StartAsync(seed: SeedAsync);
        using var client = await node.SignedInClientAsync();
        var deal = (await node.Get<ListDeals>().ExecuteAsync("sales")).Value.Single(d => d.Title == "Notes");
        using var moved = await client.SubmitAsync($"/deals/{deal.Id}/move", [new("pipeline", "sales"), new("stage", "proposal")], formPath: "/pipeline");
        Assert.Equal(HttpStatusCode.Found, moved.StatusCode);
        Assert.Equal($"/pipeline/sales#deal-{deal.Id}", moved.Headers.Location!.OriginalString);
        Assert.Equal("proposal", (await node.Get<ListDeals>().ExecuteAsync("sales")).Value.Single(d => d.Id == deal.Id).Stage);
        var html = await client.PageAsync("/pipeline/sales");
        Assert.Contains("500.00 EUR · weighted <strong>250.00 EUR</strong>", html, StringComparison.Ordinal);
        var audit = (await node.Get<QueryAuditLog>().ExecuteAsync(new AuditLogQuery(null, null, 100))).Value;
        Assert.Contains(audit, e => e.Event.Actor == WebConsole.Actor && e.Event.Action == "deal.moved");
    }

    [Theory]
    [InlineData("nowhere", HttpStatusCode.BadRequest, "nowhere")]
    [InlineData("", HttpStatusCode.BadRequest, "stage")]
    public async Task A_move_to_a_stage_the_pipeline_lacks_is_refused_with_why_and_changes_nothing(string stage, HttpStatusCode status, string problem)
    {
        await using var node = await WebNode.StartAsync(seed: SeedAsync);
        using var client = await node.SignedInClientAsync();
        var deal = (await node.Get<ListDeals>().ExecuteAsync("sales")).Value.Single(d => d.Title == "Notes");
        using var refused = await client.SubmitAsync($"/deals/{deal.Id}/move", [new("pipeline", "sales"), new("stage", stage)], formPath: "/pipeline");
        Assert.Equal(status, refused.StatusCode);
        Assert.Contains(problem, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("lead", (await node.Get<ListDeals>().ExecuteAsync("sales")).Value.Single(d => d.Id == deal.Id).Stage);
    }

    [Fact]
    public async Task A_move_without_the_forms_token_or_of_an_unknown_deal_changes_nothing()
    {
        await using var node = await WebNode.StartAsync(seed: SeedAsync);
        using var client = await node.SignedInClientAsync();
        var deal = (await node.Get<ListDeals>().ExecuteAsync("sales")).Value.Single(d => d.Title == "Notes");
        using var forged = await client.PostAsync($"/deals/{deal.Id}/move", [new("pipeline", "sales"), new("stage", "won")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var unknown = await client.SubmitAsync("/deals/not-a-deal/move", [new("stage", "won")], formPath: "/pipeline");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var missing = await client.SubmitAsync($"/deals/{Guid.NewGuid():N}/move", [new("stage", "won")], formPath: "/pipeline");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("lead", (await node.Get<ListDeals>().ExecuteAsync("sales")).Value.Single(d => d.Id == deal.Id).Stage);
    }

    [Fact]
    public async Task Without_a_pipeline_the_board_says_how_to_make_one_and_an_unknown_name_is_not_found()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        Assert.Contains("No pipeline yet", await client.PageAsync("/pipeline"), StringComparison.Ordinal);
        using var unknown = await client.GetAsync("/pipeline/%3Cscript%3E");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
