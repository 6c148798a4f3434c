using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>A position in an ordered contact list: after the contact with this sort key and id.</summary>
public sealed record ContactCursor(ContactSortKey Key, ContactId Id)
{
    /// <summary>The position right after <paramref name="contact"/> in <paramref name="order"/>.</summary>
    public static ContactCursor After(Contact contact, ContactOrder order)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(order);
        return new ContactCursor(order.KeyOf(contact), contact.Id);
    }
}
