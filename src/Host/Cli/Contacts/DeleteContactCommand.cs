using System.CommandLine;
using Rapport.Application.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts delete ID`.</summary>
internal static class DeleteContactCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "Contact id." };
        var command = new Command("delete", "Delete a contact with its interactions and deals.") { id };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var contactId = ContactsCommands.ParseId(ctx.Value(id));
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<DeleteContact>().ExecuteAsync(contactId.Value, cancellationToken: ct).ConfigureAwait(false);
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
}
