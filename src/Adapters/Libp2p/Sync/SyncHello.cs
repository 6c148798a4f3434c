using Rapport.Domain.SharedRecords;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>A peer's decoded <c>Hello</c>: its minor version, version vector and newest grant version (0: none).</summary>
public sealed record SyncHello(uint ProtocolMinor, VersionVector Versions, long GrantVersion);
