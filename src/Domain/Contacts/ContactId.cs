namespace Rapport.Domain.Contacts;

/// <summary>Identity of a contact on this node. Text form is the 32-hex-digit GUID ("N" format).</summary>
public readonly record struct ContactId(Guid Value)
{
    public override string ToString() => Value.ToString("N");

    public static bool TryParse(string? text, out ContactId id)
    {
        if (Guid.TryParse(text, out var guid))
        {
            id = new ContactId(guid);
            return true;
        }

        id = default;
        return false;
    }
}
