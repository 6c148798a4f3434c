using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>Contact data as typed by a person or read from a file, before validation.</summary>
public sealed record ContactInput(
    string? Name,
    string? Email = null,
    string? Phone = null,
    string? Company = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? Fields = null,
    string? PeerId = null)
{
    /// <summary>Validates every field; all problems go to <paramref name="errors"/> when given, the first one is returned.</summary>
    public Result<ContactDetails> Validate(List<Error>? errors = null)
    {
        errors ??= [];
        var before = errors.Count;
        var name = Collect(PersonName.Create(Name), errors);
        var email = string.IsNullOrWhiteSpace(Email) ? null : Collect(EmailAddress.Create(Email), errors);
        var phone = string.IsNullOrWhiteSpace(Phone) ? null : Collect(PhoneNumber.Create(Phone), errors);
        var company = string.IsNullOrWhiteSpace(Company) ? null : Collect(CompanyName.Create(Company), errors);
        var tags = Collect(TagSet.Parse((Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t))), errors);
        var fields = new List<CustomField>();
        foreach (var text in Fields ?? [])
        {
            if (Collect(CustomField.Parse(text), errors) is { } field)
            {
                fields.Add(field);
            }
        }

        var peer = string.IsNullOrWhiteSpace(PeerId) ? null : Collect(Domain.Peers.PeerId.Parse(PeerId), errors);
        if (errors.Count > before)
        {
            return errors[before];
        }

        return new ContactDetails(name!, email, phone, company, tags!, CustomFields.Of(fields), peer);
    }

    private static T? Collect<T>(Result<T> result, List<Error> errors)
        where T : class
    {
        if (result.IsSuccess)
        {
            return result.Value;
        }

        errors.Add(result.Error);
        return null;
    }
}
