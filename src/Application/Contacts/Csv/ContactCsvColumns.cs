using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts.Csv;

/// <summary>The columns of a contacts CSV file. Multi-valued cells (tags, fields) are separated by ';'.</summary>
public static class ContactCsvColumns
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Company = "company";
    public const string Tags = "tags";
    public const string Fields = "fields";
    public const string PeerId = "peer_id";

    public static IReadOnlyList<string> All { get; } = [Name, Email, Phone, Company, Tags, Fields, PeerId];

    public static string[] Row(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return
        [
            contact.Name.Value,
            contact.Email?.Value ?? string.Empty,
            contact.Phone?.Value ?? string.Empty,
            contact.Company?.Value ?? string.Empty,
            string.Join(';', contact.Tags.Values),
            string.Join(';', contact.Fields.All.Select(f => f.ToString())),
            contact.PeerId?.Value ?? string.Empty,
        ];
    }

    public static IReadOnlyList<string> SplitList(string cell) =>
        cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
