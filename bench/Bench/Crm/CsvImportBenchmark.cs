using System.Diagnostics;
using Rapport.Host.Cli;
using Rapport.Host.Composition;

namespace Rapport.Bench.Crm;

/// <summary>`rapport contacts import FILE --json` end to end, in-process, on a generated CSV (target 100,000 rows in under 5 s).</summary>
public sealed class CsvImportBenchmark : IBenchmark
{
    public string Name => "csv-import";

    public string Description => "import a generated 100,000-row CSV through the real CLI code path (target < 5 s); args: [rows=100000]";

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public async Task RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var dir = CrmBenchData.NewDirectory();
        try
        {
            var csv = Path.Combine(dir, "contacts.csv");
            await CrmBenchData.WriteCsvAsync(csv, rows);
            // A node laid out as `rapport init` does: the import opens it like any other command.
            if ((await NewNode.CreateAsync(new DataDirectory(dir))).IsFailure)
            {
                throw new InvalidOperationException("the node could not be laid out");
            }

            var stdout = Console.Out;
            var output = new StringWriter();
            Console.SetOut(output);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            int code;
            try
            {
                code = await RapportCli.RunAsync(["contacts", "import", csv, "--json", "--data", dir]);
            }
            finally
            {
                watch.Stop();
                Console.SetOut(stdout);
            }

            if (code != 0)
            {
                throw new InvalidOperationException($"import failed with exit code {code}: {output}");
            }

            var size = new FileInfo(csv).Length / 1024.0 / 1024.0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine($"{rows} rows ({size:F1} MiB) imported in {watch.Elapsed.TotalSeconds:F2} s wall = {rows / watch.Elapsed.TotalSeconds:N0} rows/s; process CPU {cpu.TotalSeconds:F2} s; load average {LoadAverage()}");
        }
        finally
        {
            CrmBenchData.Delete(dir);
        }
    }
}
