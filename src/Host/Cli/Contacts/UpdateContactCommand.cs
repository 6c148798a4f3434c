using System.CommandLine;
using Rapport.Application.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts update ID`: changes to a contact's fields and tags.</summary>
internal static class UpdateContactCommand
{
    public static Command Create()
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
            var contactId = ContactsCommands.ParseId(ctx.Value(id));
            if (contactId.IsFailure)
            {
                return ctx.Fail(contactId.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var changes = new ContactChanges(ctx.Parse.GetValue(name), ctx.Parse.GetValue(email), ctx.Parse.GetValue(phone), ctx.Parse.GetValue(company),
                ctx.Parse.GetValue(addTags) ?? [], ctx.Parse.GetValue(removeTags) ?? [], ctx.Parse.GetValue(fields) ?? []);
            var result = await node.Get<UpdateContact>().ExecuteAsync(contactId.Value, changes, cancellationToken: ct).ConfigureAwait(false);
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
}
