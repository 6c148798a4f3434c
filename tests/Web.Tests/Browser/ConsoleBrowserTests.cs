using Microsoft.Playwright;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Contacts;

namespace Rapport.Adapters.Web.Tests.Browser;

/// <summary>The console in a real Chromium: what a business does with it, and what an attacker's input cannot do.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleBrowserTests(Chromium chromium)
{
    private const string Script = "<script>alert(1)</script>";

    [Fact]
    public async Task Sign_in_add_a_contact_named_like_a_script_and_see_it_as_text_with_no_script_run_and_no_policy_violation()
    {
        await using var node = await WebNode.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        var violations = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType != "document" && response.Status >= 400)
            {
                violations.Add($"{response.Url}: {response.Status}");
            }
        };

        await page.GotoAsync(new Uri(node.Address, "/contacts").ToString());
        Assert.EndsWith("/login?ReturnUrl=%2Fcontacts", page.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "login");
        await page.GetByLabel("Passphrase").FillAsync(WebNode.Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts" })).ToBeVisibleAsync();
        var session = (await context.CookiesAsync()).Single(c => c.Name == Hosting.WebConsole.SessionCookie);
        Assert.True(session.HttpOnly && session.Secure && session.SameSite == SameSiteAttribute.Strict);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add contact" }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync("not an address");
        await page.GetByLabel("Name (required)").FillAsync(Script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(page.Locator("#email-problem")).ToContainTextAsync("not an e-mail address");
        await Assertions.Expect(page.GetByLabel("Name (required)")).ToHaveValueAsync(Script);
        await Screenshots.TakeAsync(page, "contact-form-problems");

        await page.GetByLabel("E-mail").FillAsync("ada@example.org");
        await page.GetByLabel("Tags").FillAsync("vip newsletter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Script })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "contact");

        await page.GetByRole(AriaRole.Link, new() { Name = "All contacts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = Script })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "contacts");

        Assert.Empty(dialogs);
        Assert.Empty(violations);
        Assert.Equal(0, await page.Locator("script").CountAsync());
    }

    [Fact]
    public async Task Import_a_csv_watch_its_progress_then_open_a_contacts_timeline_and_log_a_call()
    {
        await using var node = await WebNode.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, node);
        await page.GetByRole(AriaRole.Link, new() { Name = "Import CSV" }).ClickAsync();
        await Screenshots.TakeAsync(page, "import");
        var csv = new System.Text.StringBuilder("name,email,phone,company,tags,fields,peer_id\n");
        for (var i = 0; i < 3000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Customer {i:D4},c{i}@example.org,,Acme,newsletter,plan=text:basic,\n");
        }

        csv.Append("Broken Row,not-an-address,,,,,\n");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "customers.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.GetByLabel("Import the valid rows").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported 3,000 contacts; 1 invalid rows were skipped", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "3002" })).ToContainTextAsync("not-an-address");
        await Screenshots.TakeAsync(page, "import-report");

        await page.GetByRole(AriaRole.Link, new() { Name = "All contacts" }).ClickAsync();
        await page.GetByLabel("Search").FillAsync("Customer 0042");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Customer 0042" }).ClickAsync();
        await page.GetByLabel("Type").SelectOptionAsync("call");
        await page.GetByLabel("What happened").FillAsync("Asked about the premium plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.timeline li").First).ToContainTextAsync("Asked about the premium plan");
        await Screenshots.TakeAsync(page, "contact-timeline");

        // Sorted by last interaction (a date column starts most recent first): the customer just called leads 3,000.
        await page.GetByRole(AriaRole.Link, new() { Name = "All contacts" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Last interaction" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.contacts caption")).ToContainTextAsync("last interaction, most recent first");
        await Assertions.Expect(page.Locator("table.contacts tbody tr").First).ToContainTextAsync("Customer 0042");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Last interaction" })).ToHaveAttributeAsync("aria-sort", "descending");
        await page.GetByRole(AriaRole.Link, new() { Name = "Name" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Name" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.contacts tbody tr").First).ToContainTextAsync("Customer 2999");
    }

    [Fact]
    public async Task A_deal_dragged_to_another_stage_moves_and_the_keyboard_moves_one_too()
    {
        await using var node = await WebNode.StartAsync(seed: Console.PipelineBoardTests.SeedAsync);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, node);
        await page.GetByRole(AriaRole.Link, new() { Name = "Pipeline" }).ClickAsync();
        await Screenshots.TakeAsync(page, "pipeline");
        var lead = page.Locator("[data-stage=lead]");
        var proposal = page.Locator("[data-stage=proposal]");
        await Assertions.Expect(lead.Locator(".card")).ToHaveCountAsync(3);

        await lead.Locator(".card", new() { HasText = "Difference engine" }).DragToAsync(proposal);
        await Assertions.Expect(proposal.Locator(".card", new() { HasText = "Difference engine" })).ToBeVisibleAsync();
        await Assertions.Expect(proposal).ToContainTextAsync("weighted 1500.00 EUR");

        // Keyboard only: Tab to the card's stage list, pick the last stage, Tab to its Move button, press Enter.
        var stageList = page.GetByLabel("Move “Notes” to");
        for (var presses = 0; presses < 40 && !await stageList.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(stageList).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-stage=won]").Locator(".card", new() { HasText = "Notes" })).ToBeVisibleAsync();
        Assert.Equal(["Analytical engine"], await lead.Locator(".card .title").AllTextContentsAsync());
        Assert.Contains((await node.Get<Application.Pipeline.ListDeals>().ExecuteAsync("sales")).Value, d => d.Title == "Notes" && d.Stage == "won");
    }

    [Fact]
    public async Task Every_page_has_no_serious_accessibility_violation()
    {
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            var created = await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Grace Hopper", "grace@example.org", "+41 44 668 18 00", "Navy", ["vip"], ["rank=text:admiral"]));
            Assert.True(created.IsSuccess);
            await Console.PipelineBoardTests.SeedAsync(opened);
        });
        await using var context = await chromium.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(node.Address, "/login").ToString());
        await Accessibility.AssertAsync(page);
        await page.GetByLabel("Passphrase").FillAsync(WebNode.Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts" })).ToBeVisibleAsync();
        await Accessibility.AssertAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Grace Hopper" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Grace Hopper" })).ToBeVisibleAsync();
        await Accessibility.AssertAsync(page);
        await page.GotoAsync(new Uri(node.Address, "/contacts/new").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(page.Locator("#name-problem")).ToBeVisibleAsync();
        await Accessibility.AssertAsync(page);
        await page.GotoAsync(new Uri(node.Address, "/contacts/import").ToString());
        await Accessibility.AssertAsync(page);
        await page.GotoAsync(new Uri(node.Address, "/pipeline").ToString());
        await Accessibility.AssertAsync(page);
        await page.GotoAsync(new Uri(node.Address, "/audit").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the whole chain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The chain is intact");
        await Screenshots.TakeAsync(page, "audit");
        await Accessibility.AssertAsync(page);
        await page.GotoAsync(new Uri(node.Address, "/partners").ToString());
        await page.GetByText("Add a partner").ClickAsync();
        await page.GetByLabel("Name").FillAsync("mailer");
        await page.GetByLabel("contacts:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add partner" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("not shown again");
        await Screenshots.TakeAsync(page, "partners");
        await Accessibility.AssertAsync(page);
        await page.GotoAsync(new Uri(node.Address, "/consent-center").ToString());
        await Accessibility.AssertAsync(page);
        await page.GotoAsync(new Uri(node.Address, "/consent-health").ToString());
        await Screenshots.TakeAsync(page, "consent-health");
        await Accessibility.AssertAsync(page);
        await page.GotoAsync(new Uri(node.Address, "/no-such-page").ToString());
        await Accessibility.AssertAsync(page);
    }

    [Fact]
    public async Task The_console_can_be_used_from_the_keyboard_alone()
    {
        await using var node = await WebNode.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(node.Address, "/login").ToString());
        await Assertions.Expect(page.GetByLabel("Passphrase")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(WebNode.Passphrase);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts" })).ToBeVisibleAsync();

        // The first Tab reaches the skip link, which moves focus past the navigation.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(IPage page, WebNode node)
    {
        await page.GotoAsync(new Uri(node.Address, "/login").ToString());
        await page.GetByLabel("Passphrase").FillAsync(WebNode.Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contacts" })).ToBeVisibleAsync();
    }
}
