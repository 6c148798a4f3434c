namespace Rapport.Application.Contacts;

/// <summary>A contact's value in the column a list is sorted by.</summary>
public abstract record ContactSortKey
{
    private ContactSortKey()
    {
    }

    /// <summary>Name, e-mail or company, compared ignoring case; empty when the contact has none.</summary>
    public sealed record Text(string Value) : ContactSortKey;

    /// <summary>The last interaction; null when there has been none, which sorts before every moment.</summary>
    public sealed record Moment(DateTimeOffset? Value) : ContactSortKey;
}
