using System.CommandLine;
using Rapport.Application.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts add`: a new contact, platform-native with --peer.</summary>
internal static class AddContactCommand
{
    public static Command Create()
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
            var result = await node.Get<CreateContact>().ExecuteAsync(input, cancellationToken: ct).ConfigureAwait(false);
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
}
