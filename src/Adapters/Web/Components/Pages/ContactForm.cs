using Rapport.Application.Contacts;

namespace Rapport.Adapters.Web.Components.Pages;

/// <summary>The contact form as posted: free text, validated by <see cref="ContactInput.Validate"/>.</summary>
public sealed class ContactForm
{
    private static readonly char[] TagSeparators = [' ', ',', '\t', '\r', '\n'];

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Company { get; set; }

    public string? Tags { get; set; }

    public string? Fields { get; set; }

    public ContactInput ToInput() => new(
        Name,
        Email,
        Phone,
        Company,
        (Tags ?? string.Empty).Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries),
        (Fields ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
