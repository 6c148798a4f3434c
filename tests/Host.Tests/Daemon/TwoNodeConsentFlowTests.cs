using System.Text.Json;

namespace Rapport.Host.Tests.Daemon;

/// <summary>
/// Two real `rapport run` processes, a business and a customer, driven only through the CLI: the whole consent flow
/// from request to revocation, and a grant delivered late because the business was away.
/// </summary>
public sealed class TwoNodeConsentFlowTests
{
    [Fact]
    public async Task Request_partial_accept_receipts_revoke_and_offline_verification()
    {
        await using var nodes = await RelatedNodes.StartAsync();
        var (business, customer, businessPeer, customerPeer, contact) = (nodes.Business, nodes.Customer, nodes.BusinessPeer, nodes.CustomerPeer, nodes.Contact);
        var (businessNode, customerNode) = (nodes.BusinessNode, nodes.CustomerNode);
        Assert.Contains(customerPeer, nodes.Connected.Out, StringComparison.Ordinal);

        var sent = (await business.OkAsync(
            "share", "request", "--contact", contact, "--fields", "email=view,phone=edit", "--purposes", "analytics,marketing",
            "--days", "30", "--reason", "to call you back", "--json")).Json;
        var requestId = sent.GetProperty("id").GetString()!;
        Assert.Equal("outgoing", sent.GetProperty("direction").GetString());

        var received = Assert.Single((await customer.OkAsync("requests", "list", "--json")).Json.EnumerateArray());
        Assert.Equal(requestId, received.GetProperty("id").GetString());
        Assert.Equal("incoming", received.GetProperty("direction").GetString());
        Assert.Equal("pending", received.GetProperty("status").GetString());
        Assert.Equal(businessPeer, received.GetProperty("business").GetString());
        Assert.Equal("edit", received.GetProperty("fields").GetProperty("phone").GetString());
        Assert.Equal("to call you back", (await customer.OkAsync("requests", "show", requestId, "--json")).Json.GetProperty("reason").GetString());

        // Part of what was asked: phone only for viewing, marketing refused.
        var accepted = (await customer.OkAsync("requests", "accept", requestId, "--fields", "email=view,phone=view", "--purposes", "analytics", "--json")).Json;
        Assert.True(accepted.GetProperty("delivered").GetBoolean(), accepted.ToString());
        Assert.Equal("view", accepted.GetProperty("grant").GetProperty("fields").GetProperty("phone").GetString());

        var asCustomer = Assert.Single((await customer.OkAsync("consent", "list", "--json")).Json.EnumerateArray()).GetProperty("grant");
        Assert.Equal("customer", asCustomer.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Object, asCustomer.GetProperty("receipt").ValueKind);
        var asBusiness = Assert.Single((await business.OkAsync("consent", "list", "--json")).Json.EnumerateArray()).GetProperty("grant");
        Assert.Equal("business", asBusiness.GetProperty("role").GetString());
        Assert.Equal("granted", asBusiness.GetProperty("status").GetString());
        Assert.Equal(1, asBusiness.GetProperty("version").GetInt64());
        Assert.Equal("view", asBusiness.GetProperty("fields").GetProperty("phone").GetString());
        Assert.True(asBusiness.GetProperty("purposes").GetProperty("analytics").GetBoolean());
        Assert.False(asBusiness.GetProperty("purposes").GetProperty("marketing").GetBoolean());
        Assert.Equal("granted", Assert.Single((await business.OkAsync("requests", "list", "--json")).Json.EnumerateArray()).GetProperty("status").GetString());

        // Both keep the pair's shared record from the grant on; a sync session starts with the grant.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Assert.Single((await business.OkAsync("sync", "status", "--json")).Json.GetProperty("peers").EnumerateArray()).GetProperty("live").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no live sync session\nbusiness: {businessNode.Log}\ncustomer: {customerNode.Log}");
            await Task.Delay(200);
        }

        var businessSync = (await business.OkAsync("sync", "status", "--json")).Json;
        Assert.True(businessSync.GetProperty("nodeRunning").GetBoolean());
        var syncedPeer = Assert.Single(businessSync.GetProperty("peers").EnumerateArray());
        Assert.Equal(customerPeer, syncedPeer.GetProperty("peer").GetString());
        Assert.Equal("business", syncedPeer.GetProperty("role").GetString());
        Assert.Equal(1, syncedPeer.GetProperty("grantVersion").GetInt64());
        var customerSync = Assert.Single((await customer.OkAsync("sync", "status", "--json")).Json.GetProperty("peers").EnumerateArray());
        Assert.Equal("customer", customerSync.GetProperty("role").GetString());
        Assert.Equal("granted", customerSync.GetProperty("grantStatus").GetString());

        var exportDir = Path.Combine(customer.Root, "proofs");
        var exported = Assert.Single((await customer.OkAsync("consent", "list", "--export", exportDir, "--json")).Json.EnumerateArray());
        var grantFile = exported.GetProperty("exported").GetString()!;

        var revoked = (await customer.OkAsync("consent", "revoke", "--business", businessPeer, "--json")).Json;
        Assert.True(revoked.GetProperty("delivered").GetBoolean(), revoked.ToString());
        var afterRevoke = Assert.Single((await business.OkAsync("consent", "list", "--json")).Json.EnumerateArray()).GetProperty("grant");
        Assert.Equal("revoked", afterRevoke.GetProperty("status").GetString());
        Assert.Equal(2, afterRevoke.GetProperty("version").GetInt64());

        // Offline: no node is asked; the customer's proof of version 1 and the business's proof of the revocation.
        var verified = (await customer.OkAsync("consent", "verify", grantFile, "--json")).Json;
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal(customerPeer, verified.GetProperty("customer").GetString());
        Assert.Equal(JsonValueKind.Object, verified.GetProperty("receipt").ValueKind);
        var businessProofs = Path.Combine(business.Root, "proofs");
        var businessFile = Assert.Single((await business.OkAsync("consent", "list", "--export", businessProofs, "--json")).Json.EnumerateArray())
            .GetProperty("exported").GetString()!;
        Assert.True((await business.OkAsync("consent", "verify", businessFile, "--json")).Json.GetProperty("revoked").GetBoolean());

        // A forged grant (one term changed) no longer verifies.
        var document = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(grantFile))!;
        var canonical = Convert.FromBase64String(document["grant"]!["canonical"]!.GetValue<string>());
        canonical[^30] ^= 1;
        document["grant"]!["canonical"] = Convert.ToBase64String(canonical);
        var forged = document.ToJsonString();
        var forgedFile = Path.Combine(customer.Root, "forged.json");
        await File.WriteAllTextAsync(forgedFile, forged);
        var refused = await customer.RunAsync("consent", "verify", forgedFile);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.StartsWith("error:", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_issued_while_the_business_is_away_is_delivered_when_it_is_back()
    {
        using var business = new CliHarness();
        using var customer = new CliHarness();
        await business.OkAsync("init");
        var customerPeer = (await customer.OkAsync("init", "--json")).Json.GetProperty("peerId").GetString()!;
        var businessNode = await NodeProcess.StartAsync(business.Root);
        await using var customerNode = await NodeProcess.StartAsync(customer.Root);
        string requestId;
        try
        {
            var contact = (await business.OkAsync("contacts", "add", "--name", "Bo Customer", "--email", "bo@example.com", "--peer", customerPeer, "--json")).Json.GetProperty("id").GetString()!;
            await business.OkAsync("peers", "connect", customerNode.Address);
            requestId = (await business.OkAsync(
                "share", "request", "--contact", contact, "--fields", "email=view", "--purposes", "support", "--days", "7", "--reason", "support", "--json"))
                .Json.GetProperty("id").GetString()!;
        }
        finally
        {
            await businessNode.StopAsync();
            await businessNode.DisposeAsync();
        }

        var accepted = (await customer.OkAsync("requests", "accept", requestId, "--json")).Json;
        Assert.False(accepted.GetProperty("delivered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ReceiptOf(await customer.OkAsync("consent", "list", "--json")));

        // Back on another port: the business re-dials the customer it remembers, and the customer pushes the grant.
        await using var restarted = await NodeProcess.StartAsync(business.Root);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (ReceiptOf(await customer.OkAsync("consent", "list", "--json")) == JsonValueKind.Null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"not delivered within 20 s\ncustomer: {customerNode.Log}\nbusiness: {restarted.Log}");
            await Task.Delay(200);
        }

        var held = Assert.Single((await business.OkAsync("consent", "list", "--json")).Json.EnumerateArray()).GetProperty("grant");
        Assert.Equal("granted", held.GetProperty("status").GetString());
        // Either side may log the redial, and a node's log reaches us through its own pipe, possibly after the receipt.
        var logged = DateTime.UtcNow.AddSeconds(10);
        while (!(restarted.Log + customerNode.Log).Contains("PeerRedialer", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < logged, $"no PeerRedialer event logged within 10 s\ncustomer: {customerNode.Log}\nbusiness: {restarted.Log}");
            await Task.Delay(50);
        }

        await customerNode.WaitForLogAsync("grant version 1 delivered", TimeSpan.FromSeconds(10));
    }

    private static JsonValueKind ReceiptOf(CliRun list) =>
        Assert.Single(list.Json.EnumerateArray()).GetProperty("grant").GetProperty("receipt").ValueKind;
}
