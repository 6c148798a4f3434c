namespace Rapport.Domain.Pipeline;

public readonly record struct PipelineId(Guid Value)
{
    public override string ToString() => Value.ToString("N");
}
