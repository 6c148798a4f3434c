using Rapport.Domain.Audit;

namespace Rapport.Application.Audit.Head;

/// <summary>What the audit head checkpoint holds.</summary>
public abstract record CheckpointReading
{
    private CheckpointReading()
    {
    }

    /// <summary>No checkpoint was found.</summary>
    public sealed record Missing : CheckpointReading;

    /// <summary>A head this node signed.</summary>
    public sealed record Signed(AuditHead Head) : CheckpointReading;

    /// <summary>A file that does not parse or whose signature does not verify with this node's key.</summary>
    public sealed record Invalid(string Why) : CheckpointReading;
}
