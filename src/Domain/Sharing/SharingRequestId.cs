namespace Rapport.Domain.Sharing;

public readonly record struct SharingRequestId(Guid Value)
{
    public override string ToString() => Value.ToString("N");
}
