using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// The outcome of applying a remote delta: our version vector afterwards (for the Ack) and the field keys whose
/// writes were refused for lack of <c>edit</c> access (for <c>EditRejected</c>; empty when everything was applied).
/// </summary>
public sealed record DeltaApplied(VersionVector Versions, IReadOnlyList<string> RejectedFields);
