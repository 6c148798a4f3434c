using Microsoft.Playwright;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Contacts;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Domain.Contacts;
using Rapport.Libp2p.Network;

namespace Rapport.Adapters.Web.Tests.Browser;

/// <summary>
/// A business node and a customer node, each with its console in its own browser context: the business asks, the
/// customer accepts part in the consent center, the business sees the shared values, the customer revokes, the
/// business's page no longer has them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentFlowBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task Request_partial_accept_shared_values_shown_revoke_and_purged()
    {
        await using var customer = await WebNode.StartAsync(peers: true);
        foreach (var (key, value) in new[] { ("name", "Ada Lovelace"), ("email", "ada@analytical.example"), ("address.city", "London") })
        {
            Assert.True((await customer.Get<UpdateProfile>().ExecuteAsync(new UpdateProfileCommand(key, value, "test"))).IsSuccess);
        }

        ContactId contact = default!;
        await using var business = await WebNode.StartAsync(peers: true, seed: async opened =>
            contact = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace", PeerId: customer.Node.PeerId.ToString()))).Value.Id);
        Assert.True((await business.Get<Libp2pHost>().ConnectAsync(customer.Node.Addresses[0])).IsSuccess);

        await using var shop = await chromium.NewContextAsync(bypassCsp: true);
        await using var home = await chromium.NewContextAsync(bypassCsp: true);
        var businessPage = await SignInAsync(shop, business);
        var customerPage = await SignInAsync(home, customer);

        // The business asks.
        await businessPage.GotoAsync(new Uri(business.Address, $"/contacts/{contact}").ToString());
        await Assertions.Expect(businessPage.Locator("#sharing-heading + p, #sharing-heading ~ p.empty").First).ToContainTextAsync("Nothing shared yet");
        await businessPage.GetByText("Ask the customer to share").ClickAsync();
        await businessPage.GetByLabel("name", new() { Exact = true }).SelectOptionAsync("view");
        await businessPage.GetByLabel("email", new() { Exact = true }).SelectOptionAsync("view");
        await businessPage.GetByLabel("address.city", new() { Exact = true }).SelectOptionAsync("edit");
        await businessPage.GetByLabel("analytics (understanding").CheckAsync();
        await businessPage.GetByLabel("marketing (offers").CheckAsync();
        await businessPage.GetByLabel("Why (the customer reads this)").FillAsync("To send your invoices and keep your address current.");
        await Screenshots.TakeAsync(businessPage, "share-request");
        await Accessibility.AssertAsync(businessPage);
        await businessPage.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Assertions.Expect(businessPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Request sent");

        // The customer allows email and the city, not the name; analytics, not marketing.
        await customerPage.GotoAsync(new Uri(customer.Address, "/consent-center").ToString());
        await Assertions.Expect(customerPage.GetByText("To send your invoices and keep your address current.")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(customerPage, "consent-center-request");
        await Accessibility.AssertAsync(customerPage);
        await customerPage.GetByLabel("your name").UncheckAsync();
        await customerPage.GetByLabel("marketing (offers").UncheckAsync();
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Allow what is ticked" }).ClickAsync();
        await Assertions.Expect(customerPage.GetByRole(AriaRole.Status)).ToContainTextAsync("can now use what you allowed");
        await Assertions.Expect(customerPage.GetByRole(AriaRole.Cell, new() { Name = "see and change your address.city" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(customerPage, "consent-center");
        await Accessibility.AssertAsync(customerPage);

        // The business's page shows the shared values once they have synced.
        var sharedCity = businessPage.Locator("table.shared").GetByRole(AriaRole.Cell, new() { Name = "London" });
        await ReloadUntilAsync(businessPage, sharedCity, visible: true);
        await Assertions.Expect(businessPage.Locator("table.shared")).ToContainTextAsync("ada@analytical.example");
        await Assertions.Expect(businessPage.Locator("table.shared")).Not.ToContainTextAsync("Ada Lovelace");
        await Screenshots.TakeAsync(businessPage, "contact-shared");
        await Accessibility.AssertAsync(businessPage);

        // The customer sees what the business has been sent (field names, from the customer's own audit log).
        var sentCell = customerPage.GetByRole(AriaRole.Cell, new() { Name = "your address.city, email" });
        await ReloadUntilAsync(customerPage, sentCell, visible: true);
        await Assertions.Expect(customerPage.Locator("main")).Not.ToContainTextAsync("your name");

        // The customer revokes (one click and a confirmation); the business's page purges the values.
        await customerPage.GetByRole(AriaRole.Link, new() { Name = "Revoke…" }).ClickAsync();
        await Accessibility.AssertAsync(customerPage);
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke access" }).ClickAsync();
        await Assertions.Expect(customerPage.GetByRole(AriaRole.Status)).ToContainTextAsync("access is revoked");
        await ReloadUntilAsync(businessPage, businessPage.Locator("p.purged"), visible: true);
        await Assertions.Expect(businessPage.Locator("main")).Not.ToContainTextAsync("ada@analytical.example");
        await Assertions.Expect(businessPage.Locator("main")).Not.ToContainTextAsync("London");
        await Screenshots.TakeAsync(businessPage, "contact-purged");
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, WebNode node)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(node.Address, "/login").ToString());
        await page.GetByLabel("Passphrase").FillAsync(WebNode.Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts" })).ToBeVisibleAsync();
        return page;
    }

    // Sync between the nodes is asynchronous: the page is what a person would reload.
    private static async Task ReloadUntilAsync(IPage page, ILocator locator, bool visible)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await locator.IsVisibleAsync() != visible)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{page.Url} did not change within 30 s");
            await Task.Delay(200);
            await page.ReloadAsync();
        }
    }
}
