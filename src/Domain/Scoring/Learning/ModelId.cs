namespace Rapport.Domain.Scoring.Learning;

/// <summary>Identity of a trained model on this node. Text form is the 32-hex-digit GUID ("N" format).</summary>
public readonly record struct ModelId(Guid Value)
{
    public override string ToString() => Value.ToString("N");

    public static bool TryParse(string? text, out ModelId id)
    {
        if (Guid.TryParse(text, out var guid))
        {
            id = new ModelId(guid);
            return true;
        }

        id = default;
        return false;
    }
}
