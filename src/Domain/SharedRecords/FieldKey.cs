namespace Rapport.Domain.SharedRecords;

/// <summary>Syntax of profile field keys ("email", "address.city"): 1..128 of [a-z0-9._-], starting with a letter.</summary>
public static class FieldKey
{
    public const int MaxLength = 128;

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || key[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
