using System.Diagnostics;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Domain.Contacts;

namespace Rapport.Bench.Crm;

/// <summary>Contact upserts through the real store, in batches inside one unit of work each (first insert, then update of the same rows).</summary>
public sealed class SqliteUpsertsBenchmark : IBenchmark
{
    public string Name => "sqlite-upserts";

    public string Description => "batched contact upserts into a real SQLite file (target >= 100,000/s); args: [count=200000] [batch=10000]";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        var batch = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var dir = CrmBenchData.NewDirectory();
        try
        {
            var database = await CrmBenchData.OpenAsync(dir);
            var factory = new SqliteUnitOfWorkFactory(database);
            var now = DateTimeOffset.UtcNow;
            var contacts = Enumerable.Range(0, count).Select(i => CrmBenchData.Contact(i, now)).ToList();
            await UpsertAllAsync(factory, contacts.Take(Math.Min(count, 5_000)).ToList(), batch); // warm-up (JIT, page cache)
            foreach (var pass in new[] { "insert", "update" })
            {
                var rows = pass == "insert" ? contacts : contacts.Select(c => c.WithDetails(c.Details with { Company = CompanyName.Create("Renamed").Value }, now)).ToList();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await UpsertAllAsync(factory, rows, batch);
                watch.Stop();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                Console.WriteLine($"{pass,-7} {count,8} contacts in {watch.Elapsed.TotalMilliseconds,8:F0} ms  = {count / watch.Elapsed.TotalSeconds,10:N0} upserts/s wall, {count / cpu.TotalSeconds,10:N0}/s per CPU-second  (batch {batch}, load {CsvImportBenchmark.LoadAverage()})");
            }
        }
        finally
        {
            CrmBenchData.Delete(dir);
        }
    }

    private static async Task UpsertAllAsync(SqliteUnitOfWorkFactory factory, List<Contact> contacts, int batch)
    {
        for (var start = 0; start < contacts.Count; start += batch)
        {
            await using var uow = await factory.BeginAsync();
            await uow.Contacts.UpsertManyAsync(contacts.GetRange(start, Math.Min(batch, contacts.Count - start)));
            await uow.CommitAsync();
        }
    }
}
