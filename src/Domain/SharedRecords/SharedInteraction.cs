using Rapport.Domain.Common;

namespace Rapport.Domain.SharedRecords;

/// <summary>
/// Something that happened in the relationship (a call, a visit, a purchase, a note) that both sides see. Logged by
/// either side; the author is the node id of <see cref="Stamp"/>.
/// </summary>
public sealed record SharedInteraction : IGrowOnlyElement
{
    public const int MaxIdLength = 64;
    public const int MaxKindLength = 64;
    public const int MaxSummaryLength = 4096;

    private SharedInteraction(string id, HlcTimestamp stamp, string kind, string summary, long occurredAtMs)
    {
        Id = id;
        Stamp = stamp;
        Kind = kind;
        Summary = summary;
        OccurredAtMs = occurredAtMs;
    }

    public string Id { get; }
    public HlcTimestamp Stamp { get; }
    public string Kind { get; }
    public string Summary { get; }

    /// <summary>When it happened, in Unix milliseconds (may precede the logging stamp).</summary>
    public long OccurredAtMs { get; }

    public string AuthorNodeId => Stamp.NodeId;

    public static Result<SharedInteraction> Create(string id, HlcTimestamp stamp, string kind, string summary, long occurredAtMs)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || id.Any(char.IsControl))
        {
            return new Error(SharedRecordErrors.InvalidInteraction, $"interaction id must be 1..{MaxIdLength} printable characters", nameof(id));
        }

        if (string.IsNullOrWhiteSpace(kind) || kind.Length > MaxKindLength || kind.Any(char.IsControl))
        {
            return new Error(SharedRecordErrors.InvalidInteraction, $"interaction kind must be 1..{MaxKindLength} printable characters", nameof(kind));
        }

        if (summary is null || summary.Length > MaxSummaryLength)
        {
            return new Error(SharedRecordErrors.InvalidInteraction, $"interaction summary must be at most {MaxSummaryLength} characters", nameof(summary));
        }

        if (occurredAtMs < 0)
        {
            return new Error(SharedRecordErrors.InvalidInteraction, "interaction time must not precede the Unix epoch", nameof(occurredAtMs));
        }

        return new SharedInteraction(id, stamp, kind, summary, occurredAtMs);
    }
}
