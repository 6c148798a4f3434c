namespace Rapport.Bench;

/// <summary>
/// Entry point for `dotnet run -c Release --project bench/Bench -- NAME [options]`.
/// Each benchmark is one class implementing <see cref="IBenchmark"/>; results are printed as a table
/// and recorded by hand in docs/benchmarks.md together with the command that produced them.
/// </summary>
public static class BenchmarkRunner
{
    private static readonly IReadOnlyList<IBenchmark> Benchmarks = typeof(BenchmarkRunner).Assembly
        .GetTypes()
        .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
        .OrderBy(b => b.Name, StringComparer.Ordinal)
        .ToList();

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: Rapport.Bench NAME|all [args]");
            foreach (var b in Benchmarks)
            {
                Console.WriteLine($"  {b.Name,-24} {b.Description}");
            }

            return args.Length == 0 ? 2 : 0;
        }

        var selected = args[0] == "all" ? Benchmarks : Benchmarks.Where(b => b.Name == args[0]).ToList();
        if (selected.Count == 0)
        {
            Console.Error.WriteLine($"unknown benchmark '{args[0]}'; run without arguments to list them");
            return 2;
        }

        foreach (var benchmark in selected)
        {
            Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
            try
            {
                await benchmark.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                // The benchmarks read their positional arguments as numbers; the description above lists them.
                Console.Error.WriteLine($"invalid argument for {benchmark.Name}: {e.Message}");
                return 2;
            }
        }

        return 0;
    }
}

public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(string[] args);
}
