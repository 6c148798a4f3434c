using Rapport.Host.Cli;

return await RapportCli.RunAsync(args);
