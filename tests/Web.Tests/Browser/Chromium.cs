using Microsoft.Playwright;

namespace Rapport.Adapters.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium (`apt-get install chromium`, which `.ci/run` does) driven by Playwright's bundled driver: no
/// browser download. One browser for the test collection; each test opens its own context (cookies, storage).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: the browser tests drive Debian's Chromium. Install it with `apt-get install -y --no-install-recommends chromium` (.ci/run does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Tests run as root in CI, where Chromium's sandbox cannot start; the pages are our own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context: no cookies; <paramref name="bypassCsp"/> only where a checker injects its own script (axe).</summary>
    public Task<IBrowserContext> NewContextAsync(bool bypassCsp = false) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = bypassCsp, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "chromium";
}
