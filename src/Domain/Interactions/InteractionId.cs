namespace Rapport.Domain.Interactions;

public readonly record struct InteractionId(Guid Value)
{
    public override string ToString() => Value.ToString("N");
}
