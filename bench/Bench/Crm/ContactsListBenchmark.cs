using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Policy;

namespace Rapport.Bench.Crm;

/// <summary>
/// `rapport contacts list` as the node runs it (the ListContacts use case, crm purpose, every contact decided and audited)
/// over 100,000 contacts: how long it takes and how many audit entries it appends.
/// </summary>
public sealed class ContactsListBenchmark : IBenchmark
{
    public string Name => "contacts-list";

    public string Description => "ListContacts over 100,000 contacts, every one decided by the gate and audited (target <= 1 s, compact audit); args: [contacts=100000] [rounds=3]";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var dir = CrmBenchData.NewDirectory();
        try
        {
            await using var database = await CrmBenchData.OpenAsync(dir);
            var factory = new SqliteUnitOfWorkFactory(database);
            var now = DateTimeOffset.UtcNow;
            await using (var work = await factory.BeginAsync())
            {
                await work.Contacts.UpsertManyAsync([.. Enumerable.Range(0, count).Select(i => CrmBenchData.Contact(i, now))]);
                await work.CommitAsync();
            }

            var list = new ListContacts(factory, new BenchClock(now), new ConsentGate(PolicyMatrix.Default, database.Journal));
            for (var round = 1; round <= rounds; round++)
            {
                var before = await AuditRowsAsync(database);
                var watch = Stopwatch.StartNew();
                var listed = await list.ExecuteAsync(null, null, null, "cli");
                watch.Stop();
                var appended = await AuditRowsAsync(database) - before;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {listed.Value.Count:N0} contacts listed in {watch.Elapsed.TotalMilliseconds:N0} ms, {appended} audit entr{(appended == 1 ? "y" : "ies")} appended  (load {MachineLoad.Average()})"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            CrmBenchData.Delete(dir);
        }
    }

    private static async Task<long> AuditRowsAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenReadConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
