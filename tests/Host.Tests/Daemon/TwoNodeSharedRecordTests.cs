using System.Text.Json;

namespace Rapport.Host.Tests.Daemon;

/// <summary>
/// Two real `rapport run` processes driven only through the CLI: after a partial grant (phone edit, email view) the
/// shared record flows both ways live, a view-only field stays the customer's, and a revocation purges the business.
/// </summary>
public sealed class TwoNodeSharedRecordTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Profile_changes_and_business_edits_sync_live_and_a_revocation_purges_the_business()
    {
        await using var nodes = await RelatedNodes.StartAsync();
        var (business, customer, businessPeer, customerPeer, contact) = (nodes.Business, nodes.Customer, nodes.BusinessPeer, nodes.CustomerPeer, nodes.Contact);

        await customer.OkAsync("profile", "set", "email", "ada@example.com");
        await customer.OkAsync("profile", "set", "phone", "+41 111");
        var requestId = (await business.OkAsync(
            "share", "request", "--contact", contact, "--fields", "email=view,phone=edit,city=view", "--purposes", "support",
            "--days", "30", "--reason", "to help you", "--json")).Json.GetProperty("id").GetString()!;

        // Part of what was asked: city refused.
        var accepted = (await customer.OkAsync("consent", "grant", "--request", requestId, "--fields", "email=view,phone=edit", "--json")).Json;
        Assert.True(accepted.GetProperty("delivered").GetBoolean(), accepted.ToString());
        await UntilAsync(business, ["shared", "show", "--contact", contact, "--json"], j => Field(j, "email") == "ada@example.com" && Field(j, "phone") == "+41 111", "the initial sync", nodes.Logs);

        // Customer → business.
        await customer.OkAsync("profile", "set", "email", "ada@new.example");
        var shown = await UntilAsync(business, ["shared", "show", "--contact", contact, "--json"], j => Field(j, "email") == "ada@new.example", "the customer's profile change", nodes.Logs);
        Assert.Equal("business", shown.GetProperty("role").GetString());
        Assert.Equal("granted", shown.GetProperty("grantStatus").GetString());
        Assert.Equal("edit", shown.GetProperty("access").GetProperty("phone").GetString());
        Assert.Equal("view", shown.GetProperty("access").GetProperty("email").GetString());

        // Business → customer, an edit field.
        await business.OkAsync("shared", "set", "--contact", contact, "phone", "+41 222");
        await UntilAsync(customer, ["shared", "show", "--peer", businessPeer, "--json"], j => Field(j, "phone") == "+41 222", "the business's edit", nodes.Logs);
        Assert.Equal("+41 222", (await customer.OkAsync("profile", "show", "--json")).Json.GetProperty("phone").GetString());

        // Tags and interactions: either side writes, both see them.
        await business.OkAsync("shared", "tag", "--contact", contact, "vip");
        await customer.OkAsync("shared", "log", "--peer", businessPeer, "--kind", "message", "--summary", "moving house soon");
        await UntilAsync(customer, ["shared", "show", "--peer", businessPeer, "--json"], j => j.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == "vip"), "the business's tag", nodes.Logs);
        await UntilAsync(
            business, ["shared", "show", "--contact", contact, "--json"],
            j => j.GetProperty("interactions").EnumerateArray().Any(i => i.GetProperty("summary").GetString() == "moving house soon"), "the customer's interaction", nodes.Logs);

        // A view-only field is refused before anything is written.
        var refused = await business.RunAsync("shared", "set", "--contact", contact, "email", "evil@example.com", "--json");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Equal("SYNC_EDIT_NOT_GRANTED", JsonDocument.Parse(refused.Error).RootElement.GetProperty("error").GetString());
        Assert.Equal("ada@new.example", Field((await business.OkAsync("shared", "show", "--contact", contact, "--json")).Json, "email"));
        Assert.Equal("ada@new.example", Field((await customer.OkAsync("shared", "show", "--peer", businessPeer, "--json")).Json, "email"));
        Assert.Equal("ada@new.example", (await customer.OkAsync("profile", "show", "--json")).Json.GetProperty("email").GetString());

        foreach (var (cli, peer) in new[] { (business, customerPeer), (customer, businessPeer) })
        {
            // A session whose stream broke is opened again, so "live" is a state to reach, not a snapshot to catch.
            var status = await UntilAsync(
                cli, ["sync", "status", "--json"],
                j => j.GetProperty("peers").EnumerateArray().Any(p => p.GetProperty("peer").GetString() == peer && p.GetProperty("live").GetBoolean()),
                $"a live session with {peer}", nodes.Logs);
            Assert.True(status.GetProperty("nodeRunning").GetBoolean());
            var session = Assert.Single(status.GetProperty("peers").EnumerateArray());
            Assert.Equal(peer, session.GetProperty("peer").GetString());
            Assert.True(session.GetProperty("live").GetBoolean(), status.ToString() + nodes.Logs());
            Assert.True(session.GetProperty("deltasSent").GetInt64() + session.GetProperty("deltasReceived").GetInt64() >= 2, status.ToString());
        }

        var revoked = (await customer.OkAsync("consent", "revoke", "--business", businessPeer, "--json")).Json;
        Assert.True(revoked.GetProperty("delivered").GetBoolean(), revoked.ToString());
        var purged = await UntilAsync(business, ["shared", "show", "--contact", contact, "--json"], j => j.GetProperty("grantStatus").GetString() == "revoked", "the revocation", nodes.Logs);
        Assert.Empty(purged.GetProperty("fields").EnumerateObject());
        var audit = (await business.OkAsync("audit", "list", "--json")).Json;
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "sharing.purged");

        // The customer keeps its own data.
        Assert.Equal("+41 222", (await customer.OkAsync("profile", "show", "--json")).Json.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_profile_change_while_the_business_is_away_says_it_is_queued()
    {
        await using var nodes = await RelatedNodes.StartAsync();
        var (business, customer, businessPeer, contact) = (nodes.Business, nodes.Customer, nodes.BusinessPeer, nodes.Contact);
        await GrantEmailAndSyncAsync(nodes);

        await nodes.BusinessNode.StopAsync();
        await UntilAsync(
            customer, ["sync", "status", "--json"],
            j => !j.GetProperty("peers").EnumerateArray().Any(p => p.GetProperty("peer").GetString() == businessPeer && p.GetProperty("live").GetBoolean()),
            "the session to end", nodes.Logs);

        var set = await customer.OkAsync("profile", "set", "email", "ada@away.example");
        Assert.Contains($"queued for {businessPeer}", set.Out, StringComparison.Ordinal);
        Assert.Contains("sync status", set.Out, StringComparison.Ordinal);
        var json = (await customer.OkAsync("profile", "set", "email", "ada@away2.example", "--json")).Json;
        Assert.Equal(businessPeer, Assert.Single(json.GetProperty("queuedFor").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_business_killed_mid_sync_restarts_with_what_it_committed_and_the_sync_resumes()
    {
        await using var nodes = await RelatedNodes.StartAsync();
        var (business, customer, businessPeer, contact) = (nodes.Business, nodes.Customer, nodes.BusinessPeer, nodes.Contact);
        await GrantEmailAndSyncAsync(nodes);

        // The customer writes while the business's node dies without warning (SIGKILL) in the middle of receiving.
        const int Written = 30;
        for (var i = 0; i < Written; i++)
        {
            await customer.OkAsync("shared", "log", "--peer", businessPeer, "--kind", "message", "--summary", $"note {i}");
            if (i == Written / 2)
            {
                await nodes.BusinessNode.KillAsync();
            }
        }

        await nodes.RestartBusinessAsync();

        // Nothing committed is lost (the chain verifies, the store opens) and the sync picks up where it stopped.
        await business.OkAsync("audit", "verify");
        var resumed = await UntilAsync(
            business, ["shared", "show", "--contact", contact, "--json"],
            j => j.GetProperty("interactions").GetArrayLength() == Written, "the resumed sync", nodes.Logs);
        Assert.Equal(
            Enumerable.Range(0, Written).Select(i => $"note {i}").Order(StringComparer.Ordinal),
            resumed.GetProperty("interactions").EnumerateArray().Select(e => e.GetProperty("summary").GetString()).Order(StringComparer.Ordinal));
    }

    /// <summary>The customer's email, granted for view to the business for support, synced once.</summary>
    private static async Task GrantEmailAndSyncAsync(RelatedNodes nodes)
    {
        var (business, customer, contact) = (nodes.Business, nodes.Customer, nodes.Contact);
        await customer.OkAsync("profile", "set", "email", "ada@example.com");
        var requestId = (await business.OkAsync(
            "share", "request", "--contact", contact, "--fields", "email=view", "--purposes", "support", "--days", "30", "--reason", "r", "--json"))
            .Json.GetProperty("id").GetString()!;
        await customer.OkAsync("consent", "grant", "--request", requestId, "--json");
        await UntilAsync(business, ["shared", "show", "--contact", contact, "--json"], j => Field(j, "email") == "ada@example.com", "the initial sync", nodes.Logs);
    }

    private static string? Field(JsonElement shown, string key) =>
        shown.GetProperty("fields").TryGetProperty(key, out var value) ? value.GetString() : null;

    private static async Task<JsonElement> UntilAsync(CliHarness cli, string[] args, Func<JsonElement, bool> condition, string what, Func<string> logs)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var result = await cli.OkAsync(args);
            if (condition(result.Json))
            {
                return result.Json;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; last: {result.Out}{logs()}");
            await Task.Delay(200);
        }
    }
}
