using Rapport.Bench.Grpc.Protos;

namespace Rapport.Bench.Grpc;

/// <summary>The one handler both endpoints serve, so the comparison measures transport and encoding only.</summary>
internal static class ContactHandler
{
    private static readonly string[] Tags = ["customer", "newsletter", "vip"];
    private static readonly string[] Consents = ["email-marketing", "phone-support"];

    public static Contact Get(string contactId, bool includeConsents)
    {
        var contact = new Contact
        {
            ContactId = contactId,
            DisplayName = "Ada Lovelace",
            Email = "ada@example.org",
            Phone = "+44 20 7946 0018",
            UpdatedAtUnixMs = 1_790_000_000_000,
        };
        contact.Tags.AddRange(Tags);
        if (includeConsents)
        {
            contact.Consents.AddRange(Consents);
        }

        return contact;
    }
}

/// <summary>The JSON shapes of the same request and response.</summary>
internal sealed record JsonGetContactRequest(string ContactId, bool IncludeConsents);

internal sealed record JsonContact(string ContactId, string DisplayName, string Email, string Phone, IReadOnlyList<string> Tags,
    IReadOnlyList<string> Consents, long UpdatedAtUnixMs)
{
    public static JsonContact From(Contact c) => new(c.ContactId, c.DisplayName, c.Email, c.Phone, c.Tags.ToArray(), c.Consents.ToArray(), c.UpdatedAtUnixMs);
}
