using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

public static class ContactErrors
{
    public static Error NotFound(ContactId id, string field = "id") => Error.NotFound("contact.not_found", $"no contact with id {id}", field);

    public static Error DuplicateEmail(EmailAddress email) => new("contact.email.duplicate", $"a contact with e-mail {email} already exists", "email");
}
