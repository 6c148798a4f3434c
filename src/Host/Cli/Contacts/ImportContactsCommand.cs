using System.CommandLine;
using System.Text;
using Rapport.Application.Contacts;
using Rapport.Application.Contacts.Csv;
using Rapport.Domain.Common;
using Spectre.Console;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts import FILE`: a CSV of contacts, with progress and a per-row error report.</summary>
internal static class ImportContactsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = $"UTF-8 CSV with a header row; columns: {string.Join(',', ContactCsvColumns.All)}." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the valid rows and write the rejected ones to FILE.rejected.csv." };
        var command = new Command(
            "import",
            "Import contacts from a UTF-8 CSV file (all or nothing unless --skip-invalid). Header: name,email[,phone,company,tags,fields,peer_id]; " +
            "several tags or fields in one cell are separated by ';' (tags: vip;newsletter, fields: seats=number:12;renewal=date:2027-01-31).") { file, skipInvalid };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var path = ctx.Value(file);
            if (!path.Exists)
            {
                return ctx.Fail(new Error(CliErrors.FileNotFound, $"{path.FullName} does not exist", "FILE"));
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var useCase = node.Get<ImportContactsCsv>();
            var skip = ctx.Parse.GetValue(skipInvalid);
            Result<CsvImportResult> result;
            await using (var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
            {
                if (!ctx.Json && !Console.IsOutputRedirected)
                {
                    result = default;
                    await ctx.Console.Progress().StartAsync(async progress =>
                    {
                        var task = progress.AddTask("importing", maxValue: Math.Max(1, stream.Length));
                        result = await useCase.ExecuteAsync(stream, skip, new SyncProgress<CsvImportProgress>(p => task.Value = p.BytesRead ?? 0), cancellationToken: ct).ConfigureAwait(false);
                        task.Value = task.MaxValue;
                    }).ConfigureAwait(false);
                }
                else
                {
                    var plain = ctx.Json ? null : new SyncProgress<CsvImportProgress>(p =>
                    {
                        if (p.Rows % 10_000 == 0)
                        {
                            ctx.Error.WriteLine($"read {p.Rows} rows");
                        }
                    });
                    result = await useCase.ExecuteAsync(stream, skip, plain, cancellationToken: ct).ConfigureAwait(false);
                }
            }

            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            return await ReportImportAsync(ctx, path, result.Value, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ReportImportAsync(CliContext ctx, FileInfo path, CsvImportResult import, CancellationToken ct)
    {
        string? sideFile = null;
        if (import.Committed && import.Rejected.Count > 0)
        {
            sideFile = path.FullName + ".rejected.csv";
            await WriteRejectedAsync(sideFile, import, ct).ConfigureAwait(false);
        }

        if (ctx.Json)
        {
            var json = new
            {
                committed = import.Committed,
                imported = import.Imported,
                rejectedFile = sideFile,
                rejected = import.Rejected.Select(r => new { row = r.Row, errors = r.Errors.Select(e => new { code = e.Code.Value, field = e.Field, message = e.Message }) }),
            };
            if (import.Committed)
            {
                ctx.WriteJson(json);
            }
            else
            {
                ctx.Error.WriteLine(System.Text.Json.JsonSerializer.Serialize(json));
            }
        }
        else if (!import.Committed)
        {
            const int Shown = 50;
            foreach (var row in import.Rejected.Take(Shown))
            {
                ctx.Error.WriteLine($"error: row {row.Row}: {row.Reasons}");
            }

            if (import.Rejected.Count > Shown)
            {
                ctx.Error.WriteLine($"… and {import.Rejected.Count - Shown} more invalid rows");
            }

            ctx.Error.WriteLine($"nothing imported: {import.Rejected.Count} invalid row(s); fix them or use --skip-invalid");
        }
        else
        {
            ctx.Console.MarkupLineInterpolated($"imported {import.Imported} contact(s)");
            if (sideFile is not null)
            {
                ctx.Console.MarkupLineInterpolated($"{import.Rejected.Count} row(s) rejected, written with reasons to {sideFile}");
            }
        }

        return import.Committed ? ExitCodes.Ok : ExitCodes.Usage;
    }

    private static async Task WriteRejectedAsync(string sideFile, CsvImportResult import, CancellationToken ct)
    {
        await using var writer = new StreamWriter(sideFile, append: false, new UTF8Encoding(false));
        await RejectedRowsReport.WriteAsync(writer, import, ct).ConfigureAwait(false);
    }
}
