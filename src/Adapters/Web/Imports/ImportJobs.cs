using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Adapters.Web.Hosting;
using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Web.Imports;

/// <summary>
/// The console's CSV imports: each runs in the background on the bytes uploaded (kept in memory, never written to
/// disk outside the store), so its page can show progress while the browser waits. Finished jobs are kept for an hour
/// for their report; a stopping node cancels a running import, which then commits nothing.
/// </summary>
public sealed class ImportJobs(ImportContactsCsv import, IClock clock, IHostApplicationLifetime lifetime, ILogger<ImportJobs> logger)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob Start(string fileName, byte[] csv, bool skipInvalid, string actor)
    {
        ArgumentNullException.ThrowIfNull(csv);
        Forget();
        var job = new ImportJob(Guid.NewGuid(), fileName, csv.Length, skipInvalid, clock.UtcNow);
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, csv, actor), lifetime.ApplicationStopping);
        return job;
    }

    public ImportJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    private async Task RunAsync(ImportJob job, byte[] csv, string actor)
    {
        try
        {
            using var stream = new MemoryStream(csv, writable: false);
            var result = await import.ExecuteAsync(stream, job.SkipInvalid, new SynchronousProgress(job.Report), actor, lifetime.ApplicationStopping).ConfigureAwait(false);
            job.Finish(result);
        }
        catch (OperationCanceledException)
        {
            job.Finish(new Error(StoreErrors.Unavailable, "the node stopped during the import; nothing was imported", "csv"));
        }
        catch (StoreUnavailableException e)
        {
            WebConsoleLog.ImportFailed(logger, e.Message);
            job.Finish(new Error(StoreErrors.Unavailable, $"the store is unavailable: {e.Message}; nothing was imported", "csv"));
        }
    }

    private void Forget()
    {
        var before = clock.UtcNow - KeptFor;
        foreach (var (id, job) in _jobs)
        {
            if (job.IsDone && job.StartedAt < before)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }

    // Progress<T> posts to the thread pool and may report after the job finished; this reports in order, at once.
    private sealed class SynchronousProgress(Action<CsvImportProgress> report) : IProgress<CsvImportProgress>
    {
        public void Report(CsvImportProgress value) => report(value);
    }
}
