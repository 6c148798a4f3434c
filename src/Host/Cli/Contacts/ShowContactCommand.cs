using System.CommandLine;
using System.Globalization;
using Rapport.Application.Contacts;
using Rapport.Domain.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts show ID`: one contact, read through the consent gate.</summary>
internal static class ShowContactCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "Contact id." };
        var purpose = PurposeOption.Create();
        var command = new Command("show", "Show one contact, if its consent allows the purpose (an audited decision).") { id, purpose };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ContactsCommands.ParseId(ctx.Value(id));
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<ShowContactForPurpose>()
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
}
