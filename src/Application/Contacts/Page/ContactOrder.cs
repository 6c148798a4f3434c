using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>
/// How a contact list is ordered: one column, ascending or descending, ties broken by contact id in the same direction
/// so that every contact has exactly one place and a page cursor is exact. A missing value (no e-mail, no company, no
/// interaction yet) sorts before every other: first ascending, last descending. Written like AIP-132's order_by:
/// <c>company</c>, <c>last_interaction desc</c>.
/// </summary>
public sealed record ContactOrder(ContactSortColumn Column, bool Descending = false)
{
    private static readonly (ContactSortColumn Column, string Name)[] Names =
    [
        (ContactSortColumn.Name, "name"),
        (ContactSortColumn.Email, "email"),
        (ContactSortColumn.Company, "company"),
        (ContactSortColumn.LastInteraction, "last_interaction"),
    ];

    /// <summary>The default order: by name, A to Z.</summary>
    public static ContactOrder ByName { get; } = new(ContactSortColumn.Name);

    /// <summary>The column names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The column's name as <see cref="Parse"/> reads it.</summary>
    public string ColumnName => Names.First(n => n.Column == Column).Name;

    /// <summary>Reads "column" or "column asc|desc"; empty means <see cref="ByName"/>.</summary>
    public static Result<ContactOrder> Parse(string? orderBy, string field = "order_by")
    {
        if (string.IsNullOrWhiteSpace(orderBy))
        {
            return ByName;
        }

        var words = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var column = Names.Where(n => n.Name == words[0].ToLowerInvariant()).Select(n => (ContactSortColumn?)n.Column).FirstOrDefault();
        if (column is null || words.Length > 2)
        {
            return Invalid(orderBy, field);
        }

        var direction = words.Length == 2 ? words[1].ToLowerInvariant() : "asc";
        return direction switch
        {
            "asc" => new ContactOrder(column.Value),
            "desc" => new ContactOrder(column.Value, Descending: true),
            _ => Invalid(orderBy, field),
        };
    }

    /// <summary>The contact's value in this order's column.</summary>
    public ContactSortKey KeyOf(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return Column switch
        {
            ContactSortColumn.Name => new ContactSortKey.Text(contact.Name.Value),
            ContactSortColumn.Email => new ContactSortKey.Text(contact.Email?.Value ?? string.Empty),
            ContactSortColumn.Company => new ContactSortKey.Text(contact.Company?.Value ?? string.Empty),
            ContactSortColumn.LastInteraction => new ContactSortKey.Moment(contact.LastInteractionAt),
            _ => throw new InvalidOperationException($"no key for column {Column}"),
        };
    }

    public override string ToString() => Descending ? ColumnName + " desc" : ColumnName;

    private static Error Invalid(string orderBy, string field)
    {
        var shown = orderBy.Length > 40 ? orderBy[..40] + "…" : orderBy;
        return new Error(ContactErrors.OrderInvalid, $"cannot sort by '{shown}': use one of {string.Join(", ", ColumnNames)}, optionally followed by asc or desc", field);
    }
}
