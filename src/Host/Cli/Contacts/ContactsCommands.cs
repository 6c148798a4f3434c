using System.CommandLine;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Host.Cli.Contacts;

/// <summary>`rapport contacts …`: add, list, show, update, delete, import, export.</summary>
public static class ContactsCommands
{
    public static Command Build()
    {
        var contacts = new Command("contacts", "Manage contacts (platform-native customers and external contacts).");
        contacts.Subcommands.Add(AddContactCommand.Create());
        contacts.Subcommands.Add(ListContactsCommand.Create());
        contacts.Subcommands.Add(ShowContactCommand.Create());
        contacts.Subcommands.Add(UpdateContactCommand.Create());
        contacts.Subcommands.Add(DeleteContactCommand.Create());
        contacts.Subcommands.Add(ImportContactsCommand.Create());
        contacts.Subcommands.Add(ExportContactsCommand.Create());
        return contacts;
    }

    internal static Result<ContactId> ParseId(string? text, string field = "id") =>
        ContactId.TryParse(text, out var id) ? id : new Error(ContactErrors.IdInvalid, $"'{text}' is not a contact id (32 hex digits)", field);
}
