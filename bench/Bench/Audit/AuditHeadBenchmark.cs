using System.Diagnostics;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Domain.Audit;
using Rapport.Host.Composition;

namespace Rapport.Bench.Audit;

/// <summary>
/// What the signed audit head costs a write: single-event commits (the shape of `contacts add`) through the real store,
/// without and with the checkpoint (Ed25519 signature + temporary file + fsync + rename), alternating in one run.
/// </summary>
public sealed class AuditHeadBenchmark : IBenchmark
{
    public string Name => "audit-head";

    public string Description => "commit latency of one audited write without and with the signed audit head; args: [commits=1000] [rounds=3]";

    public async Task RunAsync(string[] args)
    {
        var commits = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var dir = Path.Combine(Path.GetTempPath(), "rapport-bench-head-" + Guid.NewGuid().ToString("N"));
        try
        {
            var data = new DataDirectory(dir);
            var identity = (await NewNode.CreateAsync(data).ConfigureAwait(false)).Value.Identity;
            await using var database = await SqliteDatabase.OpenAsync(data.DatabasePath, create: false).ConfigureAwait(false);
            var factory = new SqliteUnitOfWorkFactory(database);
            var head = new SignedAuditHeadFile(data.AuditHeadPath, new Ed25519GrantSigner(identity));
            await CommitAsync(factory, 200).ConfigureAwait(false); // warm-up
            Console.WriteLine($"{"round",5} {"checkpoint",10} {"commits/s",10} {"p50 ms",8} {"p99 ms",8}  load");
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var withHead in new[] { false, true })
                {
                    database.AuditCheckpoint = withHead ? head : null;
                    var latencies = await CommitAsync(factory, commits).ConfigureAwait(false);
                    latencies.Sort();
                    var total = latencies.Sum();
                    Console.WriteLine(
                        $"{round,5} {(withHead ? "signed" : "none"),10} {commits / (total / 1000),10:N0} {latencies[latencies.Count / 2],8:F3} {latencies[(int)(latencies.Count * 0.99)],8:F3}  {MachineLoad.Average()}");
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<List<double>> CommitAsync(SqliteUnitOfWorkFactory factory, int commits)
    {
        var latencies = new List<double>(commits);
        for (var i = 0; i < commits; i++)
        {
            var watch = Stopwatch.StartNew();
            await using (var work = await factory.BeginAsync().ConfigureAwait(false))
            {
                await work.Audit.AppendAsync(new AuditEvent(DateTimeOffset.UtcNow, "bench", "contact.created", $"contact {i}", null, "bench")).ConfigureAwait(false);
                await work.CommitAsync().ConfigureAwait(false);
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        return latencies;
    }
}
