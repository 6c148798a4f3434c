namespace Rapport.Domain.SharedRecords;

/// <summary>An element of a <see cref="GrowOnlySet{T}"/>: identified by a stable id, stamped by its author.</summary>
public interface IGrowOnlyElement
{
    string Id { get; }

    HlcTimestamp Stamp { get; }
}
