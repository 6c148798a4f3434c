using System.Diagnostics;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Interactions;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Interactions;
using Rapport.Domain.Policy;

namespace Rapport.Bench.Crm;

/// <summary>Latency of the timeline use case (unit of work, index range scan, mapping) for a contact with 10,000 interactions.</summary>
public sealed class TimelineQueryBenchmark : IBenchmark
{
    public string Name => "timeline-query";

    public string Description => "timeline of a contact with 10,000 interactions among 50,000, one audited read_interactions decision per call (target p99 <= 1 ms); args: [iterations=2000]";

    public async Task RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var dir = CrmBenchData.NewDirectory();
        try
        {
            var database = await CrmBenchData.OpenAsync(dir);
            var factory = new SqliteUnitOfWorkFactory(database);
            var now = DateTimeOffset.UtcNow;
            var contacts = Enumerable.Range(0, 5).Select(i => CrmBenchData.Contact(i, now)).ToList();
            await using (var uow = await factory.BeginAsync())
            {
                await uow.Contacts.UpsertManyAsync(contacts);
                var types = Enum.GetValues<InteractionType>();
                for (var i = 0; i < 50_000; i++)
                {
                    var interaction = Interaction.Create(
                        new InteractionId(Guid.CreateVersion7()), contacts[i % 5].Id, types[i % 4], $"Interaction {i}", i % 3 == 0 ? "Some longer notes about it." : null,
                        now.AddMinutes(-i), TimeSpan.FromMinutes(i % 60), "bench").Value;
                    await uow.Interactions.AddAsync(interaction);
                }

                await uow.CommitAsync();
            }

            var timeline = new ShowTimeline(factory, new BenchClock(now), new ConsentGate(PolicyMatrix.Default, database.Journal));
            foreach (var limit in new[] { ShowTimeline.DefaultLimit, 10_000 })
            {
                var runs = limit == 10_000 ? Math.Max(50, iterations / 20) : iterations;
                for (var i = 0; i < Math.Min(200, runs); i++)
                {
                    _ = await timeline.ExecuteAsync(contacts[0].Id, limit, null, "bench");
                }

                var samples = new List<double>(runs);
                for (var i = 0; i < runs; i++)
                {
                    var watch = Stopwatch.StartNew();
                    var result = await timeline.ExecuteAsync(contacts[0].Id, limit, null, "bench");
                    watch.Stop();
                    if (result.Value.Entries.Count != Math.Min(limit, 10_000))
                    {
                        throw new InvalidOperationException("unexpected timeline size");
                    }

                    samples.Add(watch.Elapsed.TotalMilliseconds);
                }

                samples.Sort();
                Console.WriteLine($"limit {limit,6}: {runs} queries  p50 {CrmBenchData.Percentile(samples, 50):F3} ms  p99 {CrmBenchData.Percentile(samples, 99):F3} ms  max {samples[^1]:F3} ms");
            }
        }
        finally
        {
            CrmBenchData.Delete(dir);
        }
    }
}
