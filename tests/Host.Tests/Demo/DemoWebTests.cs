using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Rapport.Host.Tests.Demo;

/// <summary>`rapport demo --web`: both consoles served while the story runs, their addresses printed, open until stopped.</summary>
public sealed partial class DemoWebTests
{
    [Fact]
    public async Task Demo_web_prints_both_console_urls_and_a_passphrase_serves_them_and_stops_on_sigterm()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "rapport.dll"), "demo", "--web" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        using var demo = Process.Start(start)!;
        var output = new StringBuilder();
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        demo.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Both consoles stay open", StringComparison.Ordinal) == true)
            {
                open.TrySetResult();
            }
        };
        demo.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        try
        {
            await open.Task.WaitAsync(TimeSpan.FromSeconds(120));
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            var business = BusinessLine().Match(text);
            var customer = CustomerLine().Match(text);
            Assert.True(business.Success && customer.Success, text);
            Assert.Matches("console passphrase \\(both\\) demo-[0-9a-f]{12}", text);
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            foreach (var url in new[] { business.Groups["url"].Value, customer.Groups["url"].Value })
            {
                using var page = await http.GetAsync(new Uri(url));
                Assert.Equal(HttpStatusCode.Found, page.StatusCode);
                Assert.Equal("/login", page.Headers.Location!.AbsolutePath);
            }
        }
        finally
        {
            if (!demo.HasExited)
            {
                using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
                await kill.WaitForExitAsync();
            }
        }

        using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await demo.WaitForExitAsync(stopped.Token);
        Assert.Equal(0, demo.ExitCode);
    }

    [GeneratedRegex("business console (?<url>http://127\\.0\\.0\\.1:[0-9]+/contacts)")]
    private static partial Regex BusinessLine();

    [GeneratedRegex("customer consent center (?<url>http://127\\.0\\.0\\.1:[0-9]+/consent-center)")]
    private static partial Regex CustomerLine();
}
