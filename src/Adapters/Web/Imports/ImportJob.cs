using Rapport.Application.Contacts;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Web.Imports;

/// <summary>One CSV import started from the console: its progress while it runs, then its outcome.</summary>
public sealed class ImportJob(Guid id, string fileName, long size, bool skipInvalid, DateTimeOffset startedAt)
{
    private volatile CsvImportProgress _progress = new(0, 0, 0, 0);
    private volatile Outcome? _outcome;

    public Guid Id { get; } = id;

    public string FileName { get; } = fileName;

    public long Size { get; } = size;

    public bool SkipInvalid { get; } = skipInvalid;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public CsvImportProgress Progress => _progress;

    /// <summary>Null while it runs.</summary>
    public Result<CsvImportResult>? Result => _outcome?.Result;

    public bool IsDone => _outcome is not null;

    /// <summary>How far through the file it is, 0..100.</summary>
    public int Percent => IsDone ? 100 : Size == 0 ? 0 : (int)Math.Min(99, (_progress.BytesRead ?? 0) * 100 / Size);

    internal void Report(CsvImportProgress progress) => _progress = progress;

    internal void Finish(Result<CsvImportResult> result) => _outcome = new Outcome(result);

    private sealed record Outcome(Result<CsvImportResult> Result);
}
