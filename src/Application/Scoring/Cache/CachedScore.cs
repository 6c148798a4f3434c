using Rapport.Domain.Contacts;

namespace Rapport.Application.Scoring.Cache;

/// <summary>
/// A score as batch scoring kept it: whose, which (and for which deal), the weights version or model it came from,
/// the value, and when it was computed.
/// </summary>
/// <param name="Subject">The deal a conversion score is for; empty for a lead score.</param>
/// <param name="Version">"weights v2" for a lead score, the model id for a conversion score.</param>
/// <param name="InputsVersion">The contact's inputs version on the snapshot the score was made from (<see cref="IScoreCache.InputsVersionsAsync"/>).</param>
public sealed record CachedScore(ContactId Contact, ScoreKind Kind, string Subject, string Version, double Score, DateTimeOffset At, long InputsVersion);
