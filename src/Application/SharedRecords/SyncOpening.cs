using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>Our Hello for one pair: which side we are, our version vector and the newest grant version we hold (0: none).</summary>
public sealed record SyncOpening(SharingRole Role, string BusinessPeerId, string CustomerPeerId, VersionVector Versions, long GrantVersion);
