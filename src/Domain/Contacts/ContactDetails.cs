using Rapport.Domain.Peers;
namespace Rapport.Domain.Contacts;

/// <summary>The editable, already validated data of a contact.</summary>
public sealed record ContactDetails(
    PersonName Name,
    EmailAddress? Email,
    PhoneNumber? Phone,
    CompanyName? Company,
    TagSet Tags,
    CustomFields Fields,
    PeerId? PeerId)
{
    public static ContactDetails Named(PersonName name) => new(name, null, null, null, TagSet.Empty, CustomFields.Empty, null);
}
