using System.Collections.Concurrent;
using System.Diagnostics;
using Rapport.Application.Audit.Verify;
using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Gate;

/// <summary>
/// The store goes read-only in the middle of concurrent audited reads (as it does after a disk
/// error) and comes back: every call either answers with its decision durable or fails as Unavailable, nothing is
/// answered unaudited, and the node answers again — its chain intact — once the store can be written.
/// </summary>
public sealed class ReadOnlyStoreTests
{
    [NeedsImmutableFilesFact]
    public async Task Reads_while_the_store_turns_read_only_are_unavailable_never_unaudited_and_recover_with_it()
    {
        using var store = new ReadOnlyStore();
        var path = Path.Combine(store.Directory, "rapport.db");
        await using var database = await SqliteDatabase.OpenAsync(path, create: true);
        var factory = new SqliteUnitOfWorkFactory(database);
        var contact = Contact.Create(new ContactId(Guid.CreateVersion7()), new ContactInput("Ada").Validate().Value, DateTimeOffset.UtcNow.AddDays(-1));
        await using (var work = await factory.BeginAsync())
        {
            await work.Contacts.AddAsync(contact);
            await work.CommitAsync();
        }

        var show = new ShowContactForPurpose(factory, new UtcClock(), new ConsentGate(PolicyMatrix.Default, database.Journal));
        var answered = 0;
        var outcomes = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var shown = await show.ExecuteAsync(contact.Id, null, "partner:load");
                    if (shown.IsSuccess)
                    {
                        Interlocked.Increment(ref answered);
                    }
                    else
                    {
                        Assert.Equal(ErrorKind.Unavailable, shown.Error.Kind);
                        outcomes.Add(shown.Error.Code.Value);
                    }
                }
                catch (StoreUnavailableException)
                {
                    // Opening the read itself failed: the edges answer this as Unavailable (gRPC UNAVAILABLE, CLI exit 1).
                    outcomes.Add(StoreErrors.Unavailable.Value);
                }
            }
        })).ToList();

        await Task.Delay(300);
        var beforeReadOnly = Volatile.Read(ref answered);
        store.Set(readOnly: true);
        await Task.Delay(500);
        var duringReadOnly = Volatile.Read(ref answered);
        store.Set(readOnly: false);
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var after = await show.ExecuteAsync(contact.Id, null, "partner:load");

        Assert.True(beforeReadOnly > 0, "no read was answered before the store went read-only");
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, code => Assert.Contains(code, new[] { PolicyErrors.AuditUnavailable.Value, StoreErrors.Unavailable.Value }));
        Assert.True(Volatile.Read(ref answered) > duringReadOnly, "no read was answered after the store could be written again");
        Assert.True(after.IsSuccess, after.IsFailure ? after.Error.ToString() : null);
        Assert.True(await DecisionsAsync(factory, contact.Id) >= Volatile.Read(ref answered) + 1, "an answer without its audit entry");
        Assert.True((await new VerifyAuditLog(factory).ExecuteAsync()).IsSuccess);
    }

    private static async Task<long> DecisionsAsync(IUnitOfWorkFactory factory, ContactId contact)
    {
        await using var work = await factory.BeginReadAsync();
        var entries = await work.Audit.QueryAsync(new Application.Audit.AuditQuery(null, null, 1_000_000));
        return entries.Count(e => e.Event.Action == PolicyAuditEvents.Decided && e.Event.ContactId == contact.ToString() && e.Event.Detail.Contains("verdict=allow", StringComparison.Ordinal));
    }

    private sealed class UtcClock : IClock
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    }

    /// <summary>A fact that needs to make files immutable (root with CAP_LINUX_IMMUTABLE on ext4, as in CI); skipped, saying so, elsewhere.</summary>
    private sealed class NeedsImmutableFilesFactAttribute : FactAttribute
    {
        public NeedsImmutableFilesFactAttribute()
        {
            if (!ReadOnlyStore.Possible.Value)
            {
                Skip = "needs `chattr +i` (root with CAP_LINUX_IMMUTABLE, a file system that supports it) to turn a store read-only";
            }
        }
    }

    /// <summary>
    /// A directory whose files can be turned read-only for everyone, root included, while they are open — the way a
    /// store looks to the node when its disk failed into read-only: every write fails, reads go on.
    /// </summary>
    private sealed class ReadOnlyStore : IDisposable
    {
        public static readonly Lazy<bool> Possible = new(() =>
        {
            using var probe = new ReadOnlyStore();
            File.WriteAllText(Path.Combine(probe.Directory, "probe"), "x");
            if (!OperatingSystem.IsLinux() || Run("chattr", "+i", Path.Combine(probe.Directory, "probe")) != 0)
            {
                return false;
            }

            Run("chattr", "-i", Path.Combine(probe.Directory, "probe"));
            return true;
        });

        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("rapport-ro-").FullName;

        /// <summary>
        /// Turns the database, its WAL and the directory read-only, or back. The WAL index (`-shm`) is memory all
        /// connections share, not storage: a disk that failed leaves the mapped pages as they were.
        /// </summary>
        public void Set(bool readOnly)
        {
            foreach (var file in System.IO.Directory.GetFiles(Directory).Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)).Append(Directory))
            {
                Assert.Equal(0, Run("chattr", readOnly ? "+i" : "-i", file));
            }
        }

        public void Dispose()
        {
            Set(readOnly: false);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        private static int Run(string file, params string[] arguments)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                process.WaitForExit();
                return process.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return -1;
            }
        }
    }
}
