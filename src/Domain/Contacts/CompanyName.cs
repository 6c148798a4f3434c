using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>The organisation a contact belongs to: non-blank, bounded.</summary>
public sealed record CompanyName
{
    public const int MaxLength = 200;

    private CompanyName(string value) => Value = value;

    public string Value { get; }

    public static Result<CompanyName> Create(string? text, string field = "company") =>
        BoundedText.Normalise(text, MaxLength, field, ContactErrors.Company).Map(v => new CompanyName(v));

    public override string ToString() => Value;
}
