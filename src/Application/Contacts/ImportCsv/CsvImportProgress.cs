namespace Rapport.Application.Contacts;

/// <summary>Where an import is: rows read so far, and how far into the input (when its length is known).</summary>
public sealed record CsvImportProgress(int Rows, int Valid, int Rejected, long? BytesRead);
