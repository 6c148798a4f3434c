using System.Diagnostics;
using System.Globalization;

namespace Rapport.Bench.Node;

/// <summary>
/// node-startup: `rapport run` as a user starts it (the built `rapport` next to this benchmark, a fresh data dir),
/// timed from process start to the line saying the partner API listens — the last thing a started node prints — then
/// its resident memory after a few idle seconds, then SIGTERM and its exit code. The first start follows a page-cache
/// drop when the machine allows one (cold); the others are warm.
/// </summary>
public sealed class NodeStartupBenchmark : IBenchmark
{
    private const string Ready = "gRPC partner API listening";

    public string Name => "node-startup";

    public string Description => "`rapport run` start-up to listening (cold, then warm) and resident memory at idle; args: [--runs 6] [--idle 5]";

    public async Task RunAsync(string[] args)
    {
        var runs = Grpc.GrpcVersusJson.ReadOption(args, "--runs", 6);
        var idle = Grpc.GrpcVersusJson.ReadOption(args, "--idle", 5);
        var rapport = Path.Combine(AppContext.BaseDirectory, "rapport.dll");
        var root = Path.Combine(Path.GetTempPath(), "rapport-bench-startup-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var init = await RunToEndAsync(rapport, ["init", "--data", root]).ConfigureAwait(false);
            if (init != 0)
            {
                throw new InvalidOperationException($"rapport init exited {init}");
            }

            Console.WriteLine($"{"run",4} {"kind",5} {"to listening ms",16} {"idle RSS MiB",13} {"exit",5}  load");
            var warm = new List<double>();
            var memory = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var cold = run == 1 && DropPageCache();
                var (ms, rss, exit) = await StartOnceAsync(rapport, root, TimeSpan.FromSeconds(idle)).ConfigureAwait(false);
                if (!cold)
                {
                    warm.Add(ms);
                }

                memory.Add(rss);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run,4} {(cold ? "cold" : "warm"),5} {ms,16:F0} {rss,13:F1} {exit,5}  {MachineLoad.Average()}"));
            }

            warm.Sort();
            memory.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm median {warm[warm.Count / 2]:F0} ms (best {warm[0]:F0}); idle RSS median {memory[memory.Count / 2]:F1} MiB"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(double Ms, double RssMiB, int Exit)> StartOnceAsync(string rapport, string root, TimeSpan idle)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();
        using var process = Start(rapport, ["run", "--data", root, "--listen", "/ip4/127.0.0.1/tcp/0", "--grpc", "127.0.0.1:0"]);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(Ready, StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var ms = watch.Elapsed.TotalMilliseconds;
        await Task.Delay(idle).ConfigureAwait(false);
        var rss = ResidentMiB(process.Id);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return (ms, rss, process.ExitCode);
    }

    private static double ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static bool DropPageCache()
    {
        try
        {
            using (var sync = Process.Start("sync"))
            {
                sync.WaitForExit();
            }

            File.WriteAllText("/proc/sys/vm/drop_caches", "3");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<int> RunToEndAsync(string rapport, string[] args)
    {
        using var process = Start(rapport, args);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    private static Process Start(string rapport, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(rapport);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start rapport");
    }
}
