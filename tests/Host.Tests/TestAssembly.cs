// CLI tests redirect the process-wide Console and AnsiConsole, so no two of them may run at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
