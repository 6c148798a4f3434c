using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>A pair's replica as listed by the store: its version vector and when it last took part in a sync.</summary>
public sealed record StoredSharedRecord(
    SharedRecordPair Pair,
    VersionVector Versions,
    HlcTimestamp? LatestStamp,
    DateTimeOffset? LastAppliedAt,
    DateTimeOffset? LastSentAt);
