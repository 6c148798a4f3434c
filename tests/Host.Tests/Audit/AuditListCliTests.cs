using System.Text;
using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Audit;

[Collection(ConsoleCollection.Name)]
public sealed class AuditListCliTests
{
    [Fact]
    public async Task List_pages_back_by_entry_number_even_through_entries_written_at_one_instant()
    {
        await using var node = await CrmNode.CreateAsync();
        var csv = new StringBuilder("name,email\n");
        for (var i = 0; i < 30; i++)
        {
            csv.Append("P").Append(i).Append(",p").Append(i).Append("@example.org\n");
        }

        await File.WriteAllTextAsync(node.File("people.csv"), csv.ToString());
        var imported = await node.RunAsync("contacts", "import", node.File("people.csv"));
        Assert.True(imported.ExitCode == 0, imported.ToString());

        var latest = await node.RunAsync("audit", "list", "--limit", "10");
        var first = await node.RunAsync("audit", "list", "--limit", "10", "--json");
        var firstNumber = first.Json[0].GetProperty("sequence").GetInt64();
        var older = await node.RunAsync("audit", "list", "--limit", "10", "--before", firstNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        Assert.Contains($"older entries: rapport audit list --before {firstNumber}", latest.Out, StringComparison.Ordinal);
        var olderNumbers = older.Json.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range((int)firstNumber - 10, 10).Select(n => (long)n), olderNumbers);
        Assert.All(older.Json.EnumerateArray(), e => Assert.Equal("contact.imported", e.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    public async Task An_entry_number_below_1_is_refused_naming_the_option(string before)
    {
        await using var node = await CrmNode.CreateAsync();

        var run = await node.RunAsync("audit", "list", "--before", before);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--before", run.Error, StringComparison.Ordinal);
    }
}
