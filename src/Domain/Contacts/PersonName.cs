using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>How a contact is called: non-blank, at most <see cref="MaxLength"/> characters, inner whitespace collapsed.</summary>
public sealed record PersonName
{
    public const int MaxLength = 200;

    private PersonName(string value) => Value = value;

    public string Value { get; }

    public static Result<PersonName> Create(string? text, string field = "name") =>
        BoundedText.Normalise(text, MaxLength, field, ContactErrors.Name).Map(v => new PersonName(v));

    public override string ToString() => Value;
}
