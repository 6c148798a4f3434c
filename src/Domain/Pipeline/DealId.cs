namespace Rapport.Domain.Pipeline;

public readonly record struct DealId(Guid Value)
{
    public override string ToString() => Value.ToString("N");

    public static bool TryParse(string? text, out DealId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new DealId(guid);
        return ok;
    }
}
