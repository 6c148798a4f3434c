namespace Rapport.Application.Sharing.Refusals;

/// <summary>
/// Whether a refusal is recorded; how many like it (same peer, protocol, code) were only counted since the last
/// recorded one; and how many refusals of peers beyond the tracked ones were only counted.
/// </summary>
internal readonly record struct RefusalAdmission(bool Record, long SuppressedBefore, long SuppressedUntracked);
