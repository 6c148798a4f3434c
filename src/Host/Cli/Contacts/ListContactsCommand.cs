using System.CommandLine;
using System.Globalization;
using Rapport.Application.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts list`: contacts by tag or search, in the order asked for.</summary>
internal static class ListContactsCommand
{
    public static Command Create()
    {
        var tag = new Option<string?>("--tag") { Description = "Only contacts with this tag." };
        var search = new Option<string?>("--search") { Description = "Only contacts whose name, e-mail or company contains this text." };
        var purpose = PurposeOption.Create();
        var orderBy = new Option<string?>("--order-by")
        {
            Description = $"Sort by {string.Join(", ", ContactOrder.ColumnNames)}, optionally followed by asc or desc (default: name).",
            HelpName = "column [desc]",
        };
        var command = new Command("list", "List the contacts whose consent allows the purpose (each one an audited decision).") { tag, search, purpose, orderBy };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<ListContacts>()
                .ExecuteAsync(ctx.Parse.GetValue(tag), ctx.Parse.GetValue(search), ctx.Parse.GetValue(purpose), ctx.Parse.GetValue(orderBy), PurposeOption.Actor, ct).ConfigureAwait(false);
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
}
