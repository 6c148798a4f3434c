using Rapport.Bench;

return await BenchmarkRunner.RunAsync(args);
