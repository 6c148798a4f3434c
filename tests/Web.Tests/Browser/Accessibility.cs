using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Rapport.Adapters.Web.Tests.Browser;

/// <summary>axe-core (Deque's engine, run in the page) finds no serious or critical violation; its script needs a context that bypasses the CSP.</summary>
public static class Accessibility
{
    public static async Task AssertAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join('\n', serious)}");
    }
}
