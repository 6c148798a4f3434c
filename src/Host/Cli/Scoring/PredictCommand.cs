using System.CommandLine;
using System.Globalization;
using System.Text;
using Rapport.Application.Common.Csv;
using Rapport.Application.Scoring.Tabular;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring.Learning;
using Spectre.Console;

namespace Rapport.Host.Cli.Scoring;

/// <summary>`rapport scoring predict --model M --csv FILE`: a kept model's probability and reasons for every row.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Required = true, Description = "The model's id (`rapport scoring models list`)." };
        var csv = new Option<FileInfo>("--csv") { Required = true, Description = "A UTF-8 CSV file with the model's columns (others are ignored)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the scores to this CSV file (replaced if it exists) instead of standard output." };
        var command = new Command(
            "predict",
            "Score every row of a CSV file with a model: probability, raw score, and the three reasons that pushed it most up and down " +
            "(each column's contribution; with the baseline they sum to the raw score).") { model, csv, output };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var id = ModelCommands.ParseId(ctx.Value(model));
            if (id.IsFailure)
            {
                return ctx.Fail(id.Error);
            }

            var path = ctx.Value(csv);
            if (!path.Exists)
            {
                return ctx.Fail(new Error(CliErrors.FileNotFound, $"{path.FullName} does not exist", "csv"));
            }

            var target = ctx.Parse.GetValue(output);
            if (target?.Directory is { Exists: false })
            {
                return ctx.Fail(new Error(CliErrors.DirectoryNotFound, $"the directory {target.Directory.FullName} does not exist", "out"));
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            Result<IReadOnlyList<TabularPrediction>> predicted;
            await using (var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
            {
                predicted = await node.Get<PredictTabular>().ExecuteAsync(id.Value, stream, ct).ConfigureAwait(false);
            }

            if (predicted.IsFailure)
            {
                return ctx.Fail(predicted.Error);
            }

            if (target is not null)
            {
                // Written next to the target and moved in one step: a failure never leaves half a file.
                var temporary = target.FullName + ".partial";
                await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false), 64 * 1024))
                {
                    await WriteCsvAsync(writer, predicted.Value, ct).ConfigureAwait(false);
                }

                File.Move(temporary, target.FullName, overwrite: true);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(predicted.Value.Select(PredictionJson.Of));
            }
            else if (target is null)
            {
                await WriteCsvAsync(Console.Out, predicted.Value, ct).ConfigureAwait(false);
            }

            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scored {predicted.Value.Count:N0} rows with model {id.Value}{(target is null ? "" : $" into {target.FullName}")}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteCsvAsync(TextWriter writer, IReadOnlyList<TabularPrediction> predictions, CancellationToken ct)
    {
        var csv = new CsvWriter(writer);
        await csv.WriteAsync(["line", "probability", "raw_score", "baseline", "reasons_up", "reasons_down"], ct).ConfigureAwait(false);
        foreach (var prediction in predictions)
        {
            var explanation = prediction.Explanation;
            await csv.WriteAsync(
                [
                    prediction.Line.ToString(CultureInfo.InvariantCulture),
                    explanation.Score.Probability.ToString("0.######", CultureInfo.InvariantCulture),
                    explanation.Score.Raw.ToString("0.######", CultureInfo.InvariantCulture),
                    explanation.Baseline.ToString("0.######", CultureInfo.InvariantCulture),
                    Reasons(explanation.ReasonsUp),
                    Reasons(explanation.ReasonsDown),
                ],
                ct).ConfigureAwait(false);
        }

        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string Reasons(IEnumerable<ColumnContribution> reasons) =>
        string.Join("; ", reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Column}={r.Value} ({r.Amount:+0.####;-0.####})")));

    private sealed record PredictionJson(int Line, double Probability, double RawScore, double Baseline, IReadOnlyList<object> Contributions)
    {
        public static PredictionJson Of(TabularPrediction prediction) => new(
            prediction.Line,
            prediction.Explanation.Score.Probability,
            prediction.Explanation.Score.Raw,
            prediction.Explanation.Baseline,
            [.. prediction.Explanation.Contributions.Select(c => new { column = c.Column, value = c.Value.ToString(), contribution = c.Amount })]);
    }
}
