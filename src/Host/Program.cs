using Rapport.Host.Cli;
using Spectre.Console;

AnsiConsole.Console = CliConsole.Create(args, Environment.GetEnvironmentVariable);
return await RapportCli.RunAsync(args);
