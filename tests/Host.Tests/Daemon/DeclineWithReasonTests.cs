namespace Rapport.Host.Tests.Daemon;

/// <summary>`rapport requests decline ID --reason TEXT` between two real nodes: the business sees why.</summary>
public sealed class DeclineWithReasonTests
{
    [Fact]
    public async Task The_customers_reason_reaches_the_business_and_shows_on_both_sides()
    {
        await using var nodes = await RelatedNodes.StartAsync();
        var (business, customer, contact) = (nodes.Business, nodes.Customer, nodes.Contact);
        var requestId = (await business.OkAsync(
            "share", "request", "--contact", contact, "--fields", "email=view", "--purposes", "marketing", "--days", "30", "--reason", "newsletter", "--json"))
            .Json.GetProperty("id").GetString()!;

        var tooLong = await customer.RunAsync("requests", "decline", requestId, "--reason", new string('x', 2_001));
        Assert.True(tooLong.ExitCode == 2, tooLong.ToString());
        Assert.Contains("2000", tooLong.Error.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("pending", (await customer.OkAsync("requests", "show", requestId, "--json")).Json.GetProperty("status").GetString());

        var declined = (await customer.OkAsync("requests", "decline", requestId, "--reason", "no newsletters, thanks", "--json")).Json;
        Assert.True(declined.GetProperty("delivered").GetBoolean(), declined.ToString());

        foreach (var cli in new[] { business, customer })
        {
            var shown = (await cli.OkAsync("requests", "show", requestId, "--json")).Json;
            Assert.Equal("declined", shown.GetProperty("status").GetString());
            Assert.Equal("no newsletters, thanks", shown.GetProperty("declineReason").GetString());
        }

        Assert.Contains("no newsletters, thanks", (await business.OkAsync("requests", "show", requestId)).Out, StringComparison.Ordinal);
    }
}
