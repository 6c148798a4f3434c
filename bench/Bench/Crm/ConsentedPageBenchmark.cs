using System.Diagnostics;
using System.Globalization;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;

namespace Rapport.Bench.Crm;

/// <summary>
/// A page of 100 contacts for a purpose among 100,000, through the gate: one indexed page query, the consent of the
/// candidates in two queries, one audited decision per contact covered, committed before the page is returned.
/// </summary>
public sealed class ConsentedPageBenchmark : IBenchmark
{
    public string Name => "consented-page";

    public string Description => "ListContactsPage for marketing, 100 of 100,000 contacts (60% consented, 1 in 17 of those revoked), audited (target p99 <= 5 ms); args: [pages=1000]";

    public async Task RunAsync(string[] args)
    {
        var pages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var dir = CrmBenchData.NewDirectory();
        try
        {
            var database = await CrmBenchData.OpenAsync(dir);
            var factory = new SqliteUnitOfWorkFactory(database);
            var now = DateTimeOffset.UtcNow;
            await SeedAsync(factory, now);

            var clock = new BenchClock(now);
            var list = new ListContactsPage(factory, clock, new ConsentGate(PolicyMatrix.Default, database.Journal));
            string? token = null;
            for (var i = 0; i < 50; i++)
            {
                token = await NextAsync(list, token);
            }

            var samples = new List<double>(pages);
            for (var i = 0; i < pages; i++)
            {
                var watch = Stopwatch.StartNew();
                token = await NextAsync(list, token);
                watch.Stop();
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }

            samples.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{pages} pages of 100 for marketing  p50 {CrmBenchData.Percentile(samples, 50):F3} ms  p99 {CrmBenchData.Percentile(samples, 99):F3} ms  max {samples[^1]:F3} ms"));
        }
        finally
        {
            CrmBenchData.Delete(dir);
        }
    }

    /// <summary>The next page, wrapping round to the first after the last; a page that is not full before the end is a bug.</summary>
    private static async Task<string?> NextAsync(ListContactsPage list, string? token)
    {
        var page = (await list.ExecuteAsync(new ContactPageRequest(Purpose: "marketing", PageSize: 100, PageToken: token), "bench")).Value;
        if (page.Contacts.Count != 100 && page.NextPageToken.Length > 0)
        {
            throw new InvalidOperationException($"a page held {page.Contacts.Count} contacts");
        }

        return page.NextPageToken.Length == 0 ? null : page.NextPageToken;
    }

    private static async Task SeedAsync(IUnitOfWorkFactory factory, DateTimeOffset now)
    {
        const int Total = 100_000;
        await using var work = await factory.BeginAsync();
        var contacts = Enumerable.Range(0, Total).Select(i => CrmBenchData.Contact(i, now)).ToList();
        await work.Contacts.UpsertManyAsync(contacts);
        for (var i = 0; i < Total; i++)
        {
            if (i % 10 >= 6)
            {
                continue;
            }

            var grant = ConsentGrant.Issue(null, contacts[i].Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null),
                [], now.AddDays(-30), now.AddDays(-30), null).Value;
            // Revocations spread over the name order (names cycle with i % 10, so i % 10 would put them all first).
            var stored = i % 17 == 0 ? grant.Revoke(now.AddDays(-1)).Value : grant;
            var appended = await work.Consents.AppendAsync(stored);
            if (appended.IsFailure)
            {
                throw new InvalidOperationException(appended.Error.ToString());
            }
        }

        await work.CommitAsync();
    }
}
