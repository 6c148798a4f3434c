using Microsoft.Playwright;

namespace Rapport.Adapters.Web.Tests.Browser;

/// <summary>
/// Every page the browser tests visit is photographed into the test output; with RAPPORT_UPDATE_SCREENSHOTS=1 the
/// pictures also replace those in docs/screenshots (the README's console section shows them).
/// </summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (Environment.GetEnvironmentVariable("RAPPORT_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            var docs = Path.Combine(root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Node.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
