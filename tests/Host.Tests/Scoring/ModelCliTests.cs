using System.Globalization;
using System.Text;
using System.Text.Json;
using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Scoring;

/// <summary>`rapport scoring train|predict|models` on a real node, with tables written to files.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ModelCliTests
{
    [Fact]
    public async Task A_table_is_learned_kept_with_its_card_and_scores_rows_with_explanations_that_add_up()
    {
        await using var node = await CrmNode.CreateAsync();
        var training = node.File("customers.csv");
        await File.WriteAllTextAsync(training, Customers(400, seed: 1));
        var fresh = node.File("fresh.csv");
        await File.WriteAllTextAsync(fresh, Customers(25, seed: 2));

        var trained = await node.RunAsync("scoring", "train", "--csv", training, "--label", "left", "--positive", "yes", "--drop", "id", "--json");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var card = trained.Json;
        var id = card.GetProperty("id").GetString()!;
        Assert.Equal("left = yes", card.GetProperty("label").GetString());
        Assert.Equal(400, card.GetProperty("rows").GetInt32());
        Assert.Equal(["plan", "minutes", "calls"], card.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(3, card.GetProperty("candidates").GetArrayLength());
        Assert.True(card.GetProperty("metrics").GetProperty("auc").GetDouble() > 0.75, card.ToString());
        foreach (var hash in new[] { "dataSnapshot", "featureConfiguration", "model" })
        {
            Assert.StartsWith("bafkrei", card.GetProperty(hash).GetString(), StringComparison.Ordinal);
        }

        var listed = await node.RunAsync("scoring", "models", "list", "--json");
        Assert.Equal([id], listed.Json.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var shown = await node.RunAsync("scoring", "models", "show", id);
        Assert.Contains("feature configuration", shown.Out, StringComparison.Ordinal);
        Assert.Contains("(chosen)", shown.Out, StringComparison.Ordinal);
        Assert.Contains("scoring.model.trained", await node.AuditActionsAsync());

        var predicted = await node.RunAsync("scoring", "predict", "--model", id, "--csv", fresh, "--json");
        Assert.True(predicted.ExitCode == 0, predicted.ToString());
        var rows = predicted.Json.EnumerateArray().ToList();
        Assert.Equal(25, rows.Count);
        Assert.Equal(2, rows[0].GetProperty("line").GetInt32());
        foreach (var row in rows)
        {
            var sum = row.GetProperty("baseline").GetDouble() + row.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble());
            Assert.Equal(row.GetProperty("rawScore").GetDouble(), sum, 1e-4);
            Assert.InRange(row.GetProperty("probability").GetDouble(), 0, 1);
        }

        var scores = node.File("scores.csv");
        var written = await node.RunAsync("scoring", "predict", "--model", id, "--csv", fresh, "--out", scores);
        Assert.True(written.ExitCode == 0, written.ToString());
        var lines = await File.ReadAllLinesAsync(scores);
        Assert.Equal("line,probability,raw_score,baseline,reasons_up,reasons_down", lines[0]);
        Assert.Equal(26, lines.Length);
        Assert.Contains("scored 25 rows", written.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_table_and_seed_give_the_same_model_bit_for_bit()
    {
        await using var node = await CrmNode.CreateAsync();
        var training = node.File("customers.csv");
        await File.WriteAllTextAsync(training, Customers(300, seed: 3));

        var first = await node.RunAsync("scoring", "train", "--csv", training, "--label", "left", "--positive", "yes", "--drop", "id", "--seed", "42", "--json");
        var second = await node.RunAsync("scoring", "train", "--csv", training, "--label", "left", "--positive", "yes", "--drop", "id", "--seed", "42", "--json");
        var otherSeed = await node.RunAsync("scoring", "train", "--csv", training, "--label", "left", "--positive", "yes", "--drop", "id", "--seed", "43", "--json");

        Assert.NotEqual(first.Json.GetProperty("id").GetString(), second.Json.GetProperty("id").GetString());
        Assert.Equal(first.Json.GetProperty("model").GetString(), second.Json.GetProperty("model").GetString());
        Assert.Equal(first.Json.GetProperty("dataSnapshot").GetString(), second.Json.GetProperty("dataSnapshot").GetString());
        Assert.Equal(first.Json.GetProperty("candidates").ToString(), second.Json.GetProperty("candidates").ToString());
        // Another seed deals other folds: the cross-validated metrics move.
        Assert.NotEqual(first.Json.GetProperty("candidates").ToString(), otherSeed.Json.GetProperty("candidates").ToString());
    }

    public static TheoryData<string, byte[], string, string> BadTables() => new()
    {
        { "no header", Utf8("1,2,yes\n3,4,no\n"), "CSV_HEADER", "header row" },
        { "empty file", [], "CSV_EMPTY", "empty" },
        { "header only", Utf8("id,plan,minutes,calls,left\n"), "SCORING_DATA_INVALID", "no rows" },
        { "unknown label", Utf8(Customers(40, 5).Replace("left", "gone", StringComparison.Ordinal)), "SCORING_DATA_INVALID", "no column 'left'" },
        { "one class only", Utf8(Customers(40, 5).Replace(",yes", ",no", StringComparison.Ordinal)), "SCORING_DATA_INVALID", "only one class" },
        { "ragged row", Utf8(Customers(40, 5) + "99,basic,1.5\n"), "CSV_COLUMNS", "line 42: 3 cells where the header has 5" },
        { "not UTF-8", [.. Utf8("id,plan,minutes,calls,left\n1,"), 0xC3, 0x28, .. Utf8(",2,3,yes\n")], "CSV_ENCODING", "line 2" },
        { "open quote", Utf8("id,plan,minutes,calls,left\n1,\"basic,2,3,yes\n"), "CSV_QUOTING", "never closed" },
        { "too few positives", Utf8(Customers(40, 5, positives: 3)), "SCORING_NOT_ENOUGH_DATA", "at least 5 rows of each class" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public async Task A_table_that_cannot_be_learned_is_refused_with_what_is_wrong_and_nothing_is_written(string why, byte[] content, string code, string message)
    {
        await using var node = await CrmNode.CreateAsync();
        var path = node.File("bad.csv");
        await File.WriteAllBytesAsync(path, content);
        var auditBefore = await node.AuditActionsAsync();

        var refused = await node.RunAsync("scoring", "train", "--csv", path, "--label", "left", "--positive", "yes", "--drop", "id", "--json");

        Assert.True(refused.ExitCode != 0, $"{why}: {refused}");
        var error = JsonDocument.Parse(refused.Error).RootElement;
        Assert.Equal(code, error.GetProperty("error").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await node.CountAsync("model"));
        Assert.Equal(auditBefore, await node.AuditActionsAsync());
    }

    [Fact]
    public async Task Predicting_refuses_an_unknown_model_a_table_without_its_columns_and_a_cell_it_cannot_read()
    {
        await using var node = await CrmNode.CreateAsync();
        var training = node.File("customers.csv");
        await File.WriteAllTextAsync(training, Customers(200, seed: 4));
        var id = (await node.RunAsync("scoring", "train", "--csv", training, "--label", "left", "--positive", "yes", "--drop", "id", "--json")).Json.GetProperty("id").GetString()!;
        var lacking = node.File("lacking.csv");
        await File.WriteAllTextAsync(lacking, "plan,calls\nbasic,3\n");
        var unreadable = node.File("unreadable.csv");
        await File.WriteAllTextAsync(unreadable, "plan,minutes,calls\nbasic,12.5,3\npremium,lots,2\n");
        var output = node.File("out.csv");

        var notAnId = await node.RunAsync("scoring", "predict", "--model", "m1", "--csv", training, "--json");
        var unknown = await node.RunAsync("scoring", "predict", "--model", Guid.NewGuid().ToString("N"), "--csv", training, "--json");
        var missingColumns = await node.RunAsync("scoring", "predict", "--model", id, "--csv", lacking, "--out", output, "--json");
        var badCell = await node.RunAsync("scoring", "predict", "--model", id, "--csv", unreadable, "--out", output, "--json");

        Assert.Equal("SCORING_MODEL_ID_INVALID", Code(notAnId));
        Assert.Equal("SCORING_MODEL_UNKNOWN", Code(unknown));
        Assert.Equal("SCORING_DATA_INVALID", Code(missingColumns));
        Assert.Contains("'minutes'", Message(missingColumns), StringComparison.Ordinal);
        Assert.Equal("SCORING_DATA_INVALID", Code(badCell));
        Assert.Contains("Line 3, column 'minutes': 'lots' is not a number", Message(badCell), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static string? Code(CliRun run) => JsonDocument.Parse(run.Error).RootElement.GetProperty("error").GetString();

    private static string? Message(CliRun run) => JsonDocument.Parse(run.Error).RootElement.GetProperty("message").GetString();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Customers who leave more often on the basic plan, with many minutes and few calls; some minutes missing.</summary>
    private static string Customers(int count, int seed, int? positives = null)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("id,plan,minutes,calls,left\n");
        var left = 0;
        for (var i = 0; i < count; i++)
        {
            var plan = random.Next(3) switch { 0 => "basic", 1 => "plus", _ => "premium" };
            var minutes = Math.Round(random.NextDouble() * 300, 1);
            var calls = random.Next(0, 8);
            var risk = (plan == "basic" ? 1.5 : 0) + (minutes / 100) - (calls * 0.4) - 1;
            var leaves = positives is { } cap ? left < cap && i % 2 == 0 : random.NextDouble() < 1 / (1 + Math.Exp(-risk));
            left += leaves ? 1 : 0;
            var minutesCell = random.Next(20) == 0 ? "NA" : minutes.ToString(CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{i},{plan},{minutesCell},{calls},{(leaves ? "yes" : "no")}\n");
        }

        return csv.ToString();
    }
}
