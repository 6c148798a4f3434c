namespace Rapport.Domain.Sharing;

/// <summary>What the business may do with a shared field. Edit includes view. Values are wire values.</summary>
public enum FieldAccess : byte
{
    View = 1,
    Edit = 2,
}
