using System.CommandLine;
using Rapport.Application.Pipeline;
using Spectre.Console;

namespace Rapport.Host.Cli.Pipeline;

/// <summary>`rapport pipelines …`: create, list.</summary>
public static class PipelinesCommands
{
    public static Command Build()
    {
        var group = new Command("pipelines", "Sales pipelines and their stages.");
        group.Subcommands.Add(Create());
        group.Subcommands.Add(List());
        return group;
    }

    private static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Pipeline name (unique)." };
        var stages = new Option<string[]>("--stage") { Required = true, Description = "Stage as Name:probability, in order (repeatable), e.g. --stage Lead:10 --stage Won:100." };
        var command = new Command("create", "Create a pipeline.") { name, stages };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<CreatePipeline>().ExecuteAsync(ctx.Value(name), ctx.Value(stages), cancellationToken: ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(PipelineJson.Of(result.Value));
            }
            else
            {
                ctx.Console.MarkupLineInterpolated($"created pipeline [bold]{result.Value.Name}[/] {result.Value.Id} ({string.Join(" → ", result.Value.Stages)})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List pipelines.");
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var pipelines = await node.Get<ListPipelines>().ExecuteAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(pipelines.Select(PipelineJson.Of));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Id", "Name", "Stages");
            foreach (var p in pipelines)
            {
                table.AddRow(p.Id.ToString(), Markup.Escape(p.Name), Markup.Escape(string.Join(" → ", p.Stages.Select(s => $"{s.Name} ({s.Probability})"))));
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
