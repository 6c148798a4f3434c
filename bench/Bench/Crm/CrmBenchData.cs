using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Domain.Contacts;

namespace Rapport.Bench.Crm;

/// <summary>Deterministic fake contacts and a throw-away database directory for the CRM benchmarks.</summary>
internal static class CrmBenchData
{
    private static readonly string[] First = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim"];
    private static readonly string[] Last = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Berners"];

    public static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rapport-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void Delete(string dir)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    public static Task<SqliteDatabase> OpenAsync(string dir) => SqliteDatabase.OpenAsync(Path.Combine(dir, "rapport.db"), create: true);

    public static string Name(int i) => $"{First[i % First.Length]} {Last[i / First.Length % Last.Length]} {i}";

    public static Contact Contact(int i, DateTimeOffset at)
    {
        var details = new ContactDetails(
            PersonName.Create(Name(i)).Value,
            EmailAddress.Create($"person{i}@example.com").Value,
            PhoneNumber.Create($"+4144{i:D7}").Value,
            CompanyName.Create($"Company {i % 500}").Value,
            TagSet.Parse(["customer", $"segment-{i % 7}"]).Value,
            CustomFields.Empty,
            null);
        return Domain.Contacts.Contact.Create(new ContactId(Guid.CreateVersion7()), details, at);
    }

    public static async Task WriteCsvAsync(string path, int rows)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("name,email,phone,company,tags,fields\r\n");
        for (var i = 0; i < rows; i++)
        {
            // Every 10th row quotes a company with an embedded comma and quote, so the quoted path of the parser is exercised.
            var company = i % 10 == 0 ? $"\"Company {i % 500}, \"\"Holdings\"\"\"" : $"Company {i % 500}";
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Name(i)},person{i}@example.com,+41 44 {i:D7},{company},customer;segment-{i % 7},seats=number:{i % 50}\r\n"));
        }
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
}
