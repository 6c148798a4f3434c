using Rapport.Domain.SharedRecords;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>A peer's decoded <c>Ack</c>: the Delta it applied and its version vector afterwards.</summary>
public sealed record SyncAck(ulong Sequence, VersionVector Versions);
