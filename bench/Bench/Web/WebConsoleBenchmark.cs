using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Rapport.Application.Access;
using Rapport.Application.Contacts;
using Rapport.Application.Pipeline;
using Rapport.Bench.Crm;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;

namespace Rapport.Bench.Web;

/// <summary>
/// web-contacts: a node with 100,000 contacts serving its web console on loopback, signed in as a browser is; the
/// contacts table's first page in each order its column headers offer, requested over and over (each read decided by
/// the gate and audited), timed at the client — an upper bound of the server's time, loopback adds well under a
/// millisecond — then the weight of every
/// page: its HTML and the assets it loads, and how many requests that takes.
/// </summary>
public sealed partial class WebConsoleBenchmark : IBenchmark
{
    private const string Passphrase = "bench passphrase, long enough";

    public string Name => "web-contacts";

    public string Description => "web console: contacts first page among 100,000 in each sort order, p50/p99 at the client (target p99 <= 50 ms), then each page's weight (KB, requests); args: [requests=1000] [contacts=100000]";

    public async Task RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var contacts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var dir = CrmBenchData.NewDirectory();
        try
        {
            var data = new DataDirectory(Path.Combine(dir, "node"));
            if ((await NewNode.CreateAsync(data).ConfigureAwait(false)).IsFailure)
            {
                throw new InvalidOperationException("the node could not be laid out");
            }

            var someContact = await SeedAsync(data, Path.Combine(dir, "contacts.csv"), contacts).ConfigureAwait(false);
            var options = new RapportNodeOptions { Grpc = "none", Web = "127.0.0.1:0" };
            var started = await RunningNode.StartAsync(data, options, null, _ => { }, CancellationToken.None).ConfigureAwait(false);
            if (started.IsFailure)
            {
                throw new InvalidOperationException(started.Error.ToString());
            }

            await using var node = started.Value;
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node.WebConsole };
            var cookies = await SignInAsync(client).ConfigureAwait(false);

            // The default order, then each other order the table's headers offer (each with its own index).
            foreach (var (order, url) in new[]
            {
                ("name", "/contacts"),
                ("company desc", "/contacts?sort=company&dir=desc"),
                ("email", "/contacts?sort=email"),
                ("last_interaction desc", "/contacts?sort=last_interaction&dir=desc"),
            })
            {
                for (var i = 0; i < 100; i++)
                {
                    await GetAsync(client, cookies, url).ConfigureAwait(false);
                }

                var samples = new List<double>(requests);
                for (var i = 0; i < requests; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await GetAsync(client, cookies, url).ConfigureAwait(false);
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                }

                samples.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"contacts first page of 50 among {contacts:N0} by {order,-22} {requests} requests  p50 {CrmBenchData.Percentile(samples, 50):F2} ms  p99 {CrmBenchData.Percentile(samples, 99):F2} ms  max {samples[^1]:F2} ms  load {MachineLoad.Average()}"));
            }

            Console.WriteLine($"{"page",-28} {"HTML KB",8} {"assets KB",10} {"total KB",9} {"requests",9}");
            foreach (var page in new[] { "/login", "/contacts", "/contacts/new", $"/contacts/{someContact}", "/contacts/import", "/pipeline", "/audit", "/partners", "/consent-center" })
            {
                var html = await GetAsync(client, page == "/login" ? [] : cookies, page).ConfigureAwait(false);
                var assets = Asset().Matches(html).Select(m => m.Groups["path"].Value).Distinct(StringComparer.Ordinal).ToList();
                long assetBytes = 0;
                foreach (var asset in assets)
                {
                    assetBytes += (await GetAsync(client, [], asset).ConfigureAwait(false)).Length;
                }

                var htmlBytes = System.Text.Encoding.UTF8.GetByteCount(html);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(page.StartsWith("/contacts/0", StringComparison.Ordinal) ? "/contacts/{id}" : page),-28} {htmlBytes / 1024.0,8:F1} {assetBytes / 1024.0,10:F1} {(htmlBytes + assetBytes) / 1024.0,9:F1} {1 + assets.Count,9}"));
            }
        }
        finally
        {
            CrmBenchData.Delete(dir);
        }
    }

    private static async Task<string> SeedAsync(DataDirectory data, string csv, int contacts)
    {
        await CrmBenchData.WriteCsvAsync(csv, contacts).ConfigureAwait(false);
        await using var opened = new OpenedNode(await NodeServices.OpenAsync(data, CancellationToken.None).ConfigureAwait(false));
        await using (var file = File.OpenRead(csv))
        {
            var imported = await opened.Get<ImportContactsCsv>().ExecuteAsync(file, skipInvalid: false).ConfigureAwait(false);
            if (imported.IsFailure || imported.Value.Imported != contacts)
            {
                throw new InvalidOperationException("the contacts could not be imported");
            }
        }

        if ((await opened.Get<SetAdminPassphrase>().ExecuteAsync(Passphrase, "bench").ConfigureAwait(false)).IsFailure)
        {
            throw new InvalidOperationException("the passphrase was refused");
        }

        var first = (await opened.Get<ListContactsPage>().ExecuteAsync(new ContactPageRequest(PageSize: 1), "bench").ConfigureAwait(false)).Value.Contacts[0];
        if ((await opened.Get<CreatePipeline>().ExecuteAsync("sales", ["lead:10", "proposal:50", "won:100"]).ConfigureAwait(false)).IsFailure)
        {
            throw new InvalidOperationException("the pipeline could not be made");
        }

        for (var i = 0; i < 12; i++)
        {
            await opened.Get<CreateDeal>().ExecuteAsync(new CreateDealRequest(first.Id, "sales", $"Deal {i}", "1000", "EUR")).ConfigureAwait(false);
        }

        return first.Id.ToString();
    }

    private static async Task<Dictionary<string, string>> SignInAsync(HttpClient client)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        var login = await GetAsync(client, cookies, "/login").ConfigureAwait(false);
        var form = Hidden().Matches(login).Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .Where(p => p.Key is "_handler" or "__RequestVerificationToken").DistinctBy(p => p.Key)
            .Append(new("Passphrase", Passphrase)).Append(new("ReturnUrl", "/contacts"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new FormUrlEncodedContent(form) };
        using var response = await SendAsync(client, cookies, request).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Found && cookies.ContainsKey("__Host-rapport-session")
            ? cookies
            : throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
    }

    private static async Task<string> GetAsync(HttpClient client, Dictionary<string, string> cookies, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(client, cookies, request).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync().ConfigureAwait(false)
            : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Dictionary<string, string> cookies, HttpRequestMessage request)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request).ConfigureAwait(false);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
        {
            var pair = header.Split(';')[0].Split('=', 2);
            cookies[pair[0]] = pair[1];
        }

        return response;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Hidden();

    [GeneratedRegex("(?:href|src)=\"(?<path>/assets/[^\"]+)\"")]
    private static partial Regex Asset();
}
