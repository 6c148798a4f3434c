using System.CommandLine;
using System.Text;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;
using Spectre.Console;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts export`: the contacts as CSV.</summary>
internal static class ExportContactsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Where to write the CSV (replaced if it exists)." };
        var purpose = PurposeOption.Create();
        var command = new Command("export", "Export to a CSV file every contact whose consent allows exporting for the purpose (each one an audited decision).") { file, purpose };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var path = ctx.Value(file);
            if (path.Directory is { Exists: false })
            {
                return ctx.Fail(new Error(CliErrors.DirectoryNotFound, $"the directory {path.Directory.FullName} does not exist", "FILE"));
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var temporary = path.FullName + ".partial";
            Result<ContactExport> result;
            await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false), 64 * 1024))
            {
                result = await node.Get<ExportContactsCsv>()
                    .ExecuteAsync(writer, ctx.Parse.GetValue(purpose), PurposeOption.Actor, cancellationToken: ct).ConfigureAwait(false);
            }

            if (result.IsFailure)
            {
                File.Delete(temporary);
                return ctx.Fail(result.Error);
            }

            // Written next to the target and moved in one step, so a failed export never leaves a truncated file behind.
            File.Move(temporary, path.FullName, overwrite: true);
            if (ctx.Json)
            {
                ctx.WriteJson(new { exported = result.Value.Exported, withheld = result.Value.Withheld, purpose = result.Value.Purpose, file = path.FullName });
            }
            else
            {
                ctx.Console.MarkupLineInterpolated($"exported {result.Value.Exported} contact(s) to {path.FullName} for {result.Value.Purpose}");
                if (result.Value.Withheld > 0)
                {
                    ctx.Console.MarkupLineInterpolated($"withheld {result.Value.Withheld} contact(s) whose consent does not allow it (see `rapport audit list`)");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
