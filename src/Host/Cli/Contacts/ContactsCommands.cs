using System.CommandLine;
using System.Globalization;
using System.Text;
using Rapport.Application.Common.Csv;
using Rapport.Application.Contacts;
using Rapport.Application.Contacts.Csv;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Host.Cli;
using Spectre.Console;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts …`: add, list, show, update, delete, import, export.</summary>
public static class ContactsCommands
{
    public static Command Build()
    {
        var contacts = new Command("contacts", "Manage contacts (platform-native customers and external contacts).");
        contacts.Subcommands.Add(Add());
        contacts.Subcommands.Add(List());
        contacts.Subcommands.Add(Show());
        contacts.Subcommands.Add(Update());
        contacts.Subcommands.Add(Delete());
        contacts.Subcommands.Add(Import());
        contacts.Subcommands.Add(Export());
        return contacts;
    }

    internal static Result<ContactId> ParseId(string? text, string field = "id") =>
        ContactId.TryParse(text, out var id) ? id : new Error(ContactErrors.IdInvalid, $"'{text}' is not a contact id (32 hex digits)", field);

    private static Command Add()
    {
        var name = new Option<string>("--name") { Required = true, Description = "Full name." };
        var email = new Option<string>("--email") { Required = true, Description = "E-mail address." };
        var phone = new Option<string?>("--phone") { Description = "Phone number in international form (+41 44 123 45 67)." };
        var company = new Option<string?>("--company") { Description = "Company." };
        var tags = new Option<string[]>("--tag") { Description = "Tag (repeatable)." };
        var fields = new Option<string[]>("--field") { Description = "Custom field key=type:value, type is text|number|date|bool (repeatable)." };
        var peer = new Option<string?>("--peer") { Description = "The customer's libp2p peer id (platform-native contact)." };
        var command = new Command("add", "Add a contact.") { name, email, phone, company, tags, fields, peer };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var input = new ContactInput(ctx.Value(name), ctx.Value(email), ctx.Parse.GetValue(phone), ctx.Parse.GetValue(company),
                ctx.Parse.GetValue(tags) ?? [], ctx.Parse.GetValue(fields) ?? [], ctx.Parse.GetValue(peer));
            var result = await new CreateContact(node.UnitOfWork, node.Clock, node.Ids).ExecuteAsync(input, cancellationToken: ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(ContactJson.Of(result.Value));
            }
            else
            {
                ctx.Console.MarkupLineInterpolated($"added contact [bold]{result.Value.Name.Value}[/] {result.Value.Id}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var tag = new Option<string?>("--tag") { Description = "Only contacts with this tag." };
        var search = new Option<string?>("--search") { Description = "Only contacts whose name, e-mail or company contains this text." };
        var purpose = PurposeOption.Create();
        var command = new Command("list", "List the contacts whose consent allows the purpose (each one an audited decision).") { tag, search, purpose };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await new ListContacts(node.UnitOfWork, node.Clock, node.Gate)
                .ExecuteAsync(ctx.Parse.GetValue(tag), ctx.Parse.GetValue(search), ctx.Parse.GetValue(purpose), PurposeOption.Actor, ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(result.Value.Select(ContactJson.Of));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Id", "Name", "E-mail", "Phone", "Company", "Tags", "Last interaction");
            foreach (var c in result.Value)
            {
                table.AddRow(
                    Markup.Escape(c.Id.ToString()), Markup.Escape(c.Name.Value), Markup.Escape(c.Email?.Value ?? string.Empty), Markup.Escape(c.Phone?.Value ?? string.Empty),
                    Markup.Escape(c.Company?.Value ?? string.Empty), Markup.Escape(string.Join(", ", c.Tags.Values)),
                    c.LastInteractionAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-");
            }

            ctx.Console.Write(table);
            ctx.Console.MarkupLineInterpolated($"{result.Value.Count} contact(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("ID") { Description = "Contact id." };
        var purpose = PurposeOption.Create();
        var command = new Command("show", "Show one contact, if its consent allows the purpose (an audited decision).") { id, purpose };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ParseId(ctx.Value(id));
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await new ShowContactForPurpose(node.UnitOfWork, node.Clock, node.Gate)
                .ExecuteAsync(contactId.Value, ctx.Parse.GetValue(purpose), PurposeOption.Actor, ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(ContactJson.Of(result.Value));
                return ExitCodes.Ok;
            }

            var c = result.Value;
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string label, string? value) => grid.AddRow(new Text(label), new Text(value ?? "-"));
            Row("Id", c.Id.ToString());
            Row("Name", c.Name.Value);
            Row("Mode", c.Mode == ContactMode.External ? "external" : "platform-native");
            Row("Peer id", c.PeerId?.Value);
            Row("E-mail", c.Email?.Value);
            Row("Phone", c.Phone?.Value);
            Row("Company", c.Company?.Value);
            Row("Tags", string.Join(", ", c.Tags.Values));
            foreach (var field in c.Fields.All)
            {
                Row($"{field.Key} ({field.Value.TypeName})", field.Value.Text);
            }

            Row("Created", c.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            Row("Updated", c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
            Row("Last interaction", c.LastInteractionAt?.ToString("O", CultureInfo.InvariantCulture));
            ctx.Console.Write(grid);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update()
    {
        var id = new Argument<string>("ID") { Description = "Contact id." };
        var name = new Option<string?>("--name");
        var email = new Option<string?>("--email");
        var phone = new Option<string?>("--phone");
        var company = new Option<string?>("--company");
        var addTags = new Option<string[]>("--add-tag") { Description = "Tag to add (repeatable)." };
        var removeTags = new Option<string[]>("--remove-tag") { Description = "Tag to remove (repeatable)." };
        var fields = new Option<string[]>("--field") { Description = "Custom field to set, key=type:value (repeatable)." };
        var command = new Command("update", "Change a contact.") { id, name, email, phone, company, addTags, removeTags, fields };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ParseId(ctx.Value(id));
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var changes = new ContactChanges(ctx.Parse.GetValue(name), ctx.Parse.GetValue(email), ctx.Parse.GetValue(phone), ctx.Parse.GetValue(company),
                ctx.Parse.GetValue(addTags) ?? [], ctx.Parse.GetValue(removeTags) ?? [], ctx.Parse.GetValue(fields) ?? []);
            var result = await new UpdateContact(node.UnitOfWork, node.Clock).ExecuteAsync(contactId.Value, changes, cancellationToken: ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(ContactJson.Of(result.Value));
            }
            else
            {
                ctx.Console.MarkupLineInterpolated($"updated contact {result.Value.Id}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = new Argument<string>("ID") { Description = "Contact id." };
        var command = new Command("delete", "Delete a contact with its interactions and deals.") { id };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ParseId(ctx.Value(id));
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await new DeleteContact(node.UnitOfWork, node.Clock).ExecuteAsync(contactId.Value, cancellationToken: ct).ConfigureAwait(false);
            if (result.IsFailure)
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new { deleted = contactId.Value.ToString() });
            }
            else
            {
                ctx.Console.MarkupLineInterpolated($"deleted contact {contactId.Value}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import()
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
            var useCase = new ImportContactsCsv(node.UnitOfWork, node.Clock, node.Ids);
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
        var csv = new CsvWriter(writer);
        // Rectangular: row and reason first, then the row as it was, padded to the widest (cells past the header go to extra_N).
        var width = Math.Max(import.Header.Count, import.Rejected.Max(r => r.Cells.Count));
        var extra = Enumerable.Range(1, width - import.Header.Count).Select(i => $"extra_{i}");
        await csv.WriteAsync(["row", "reason", .. import.Header, .. extra], ct).ConfigureAwait(false);
        foreach (var row in import.Rejected)
        {
            var cells = row.Cells.Concat(Enumerable.Repeat(string.Empty, width - row.Cells.Count));
            await csv.WriteAsync([row.Row.ToString(CultureInfo.InvariantCulture), row.Reasons, .. cells], ct).ConfigureAwait(false);
        }
    }

    private static Command Export()
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
                result = await new ExportContactsCsv(node.UnitOfWork, node.Clock, node.Gate)
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
