namespace Rapport.Application.Contacts;

/// <summary>
/// The outcome of an import whose file could be read. <see cref="Committed"/> is false when rows were invalid and
/// skipping was not asked for: then nothing was written and <see cref="Rejected"/> lists every problem.
/// </summary>
public sealed record CsvImportResult(bool Committed, int Imported, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<string> Header);
