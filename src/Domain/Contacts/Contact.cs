using Rapport.Domain.Peers;
namespace Rapport.Domain.Contacts;

/// <summary>
/// A person the business has a relationship with. <see cref="PeerId"/> set: a platform-native customer running their own
/// node (what they share arrives from that node). Not set: an external contact, whose data the business owns.
/// </summary>
public sealed record Contact
{
    private Contact(ContactId id, ContactDetails details, DateTimeOffset createdAt, DateTimeOffset updatedAt, DateTimeOffset? lastInteractionAt)
    {
        Id = id;
        Details = details;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        LastInteractionAt = lastInteractionAt;
    }

    public ContactId Id { get; }

    public ContactDetails Details { get; private init; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private init; }

    public DateTimeOffset? LastInteractionAt { get; private init; }

    public PersonName Name => Details.Name;

    public EmailAddress? Email => Details.Email;

    public PhoneNumber? Phone => Details.Phone;

    public CompanyName? Company => Details.Company;

    public TagSet Tags => Details.Tags;

    public CustomFields Fields => Details.Fields;

    public PeerId? PeerId => Details.PeerId;

    public ContactMode Mode => Details.PeerId is null ? ContactMode.External : ContactMode.PlatformNative;

    public static Contact Create(ContactId id, ContactDetails details, DateTimeOffset at) => new(id, details, at, at, null);

    /// <summary>Rebuilds a stored contact exactly as it was saved.</summary>
    public static Contact Restore(ContactId id, ContactDetails details, DateTimeOffset createdAt, DateTimeOffset updatedAt, DateTimeOffset? lastInteractionAt) =>
        new(id, details, createdAt, updatedAt, lastInteractionAt);

    public Contact WithDetails(ContactDetails details, DateTimeOffset at) => this with { Details = details, UpdatedAt = at };

    /// <summary>Records that an interaction happened; an older interaction logged late does not move the marker back.</summary>
    public Contact InteractedAt(DateTimeOffset at) =>
        LastInteractionAt is { } last && last >= at ? this : this with { LastInteractionAt = at };
}
