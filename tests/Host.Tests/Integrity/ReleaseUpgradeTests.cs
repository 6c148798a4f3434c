using Microsoft.Data.Sqlite;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Integrity;

/// <summary>
/// A data directory written by an earlier release (Fixtures/release-2026-11, schema 24, no signed audit head) opens
/// with this one: it migrates (field keys to the one spelling too), keeps every record, signs its audit head with a
/// report, and verifies.
/// </summary>
public sealed class ReleaseUpgradeTests
{
    private const string Ada = "01a24c6449b176929dcc315fcfa5bd1b";
    private const string Bob = "01a24c644abd7d9fbd6dd76a508ede1d";

    [Fact]
    public async Task The_2026_11_data_directory_migrates_keeps_its_records_and_verifies()
    {
        using var cli = new CliHarness();
        foreach (var file in (string[])["rapport.db", "identity.key"])
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-2026-11", file), Path.Combine(cli.Root, file));
        }

        var list = await cli.OkAsync("contacts", "list", "--json");
        Assert.Contains("no signed audit head", list.Error, StringComparison.Ordinal);
        Assert.Equal([Ada, Bob], list.Json.EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order(StringComparer.Ordinal));

        var consent = await cli.OkAsync("consent", "show", "--contact", Ada, "--json");
        Assert.Contains("marketing", consent.Out, StringComparison.Ordinal);

        // Fields recorded as `profile.email` read in the one spelling now; the wildcard and custom fields stay.
        var support = consent.Json.GetProperty("purposes").EnumerateArray().Single(p => p.GetProperty("purpose").GetString() == "support");
        Assert.Equal(
            ["custom.tier=view", "email=view", "phone=edit", "profile.*=none"],
            support.GetProperty("fields").EnumerateObject().Select(f => $"{f.Name}={f.Value.GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal(0, (await cli.RunAsync("policy", "eval", "read_shared_field", "--contact", Ada, "--field", "email")).ExitCode);
        Assert.Equal(Rapport.Host.Cli.ExitCodes.Denied, (await cli.RunAsync("policy", "eval", "write_shared_field", "--contact", Ada, "--field", "email")).ExitCode);
        var oldSpelling = await cli.RunAsync("policy", "eval", "read_shared_field", "--contact", Ada, "--field", "profile.email");
        Assert.Equal(2, oldSpelling.ExitCode);
        Assert.Contains("'email'", oldSpelling.Error, StringComparison.Ordinal);
        var marketing = await cli.RunAsync("contacts", "list", "--purpose", "marketing", "--json");
        Assert.Equal([Ada], marketing.Json.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var timeline = await cli.OkAsync("interactions", "timeline", Ada);
        Assert.Contains("Renewal call", timeline.Out, StringComparison.Ordinal);
        Assert.Contains("mailer", (await cli.OkAsync("partners", "list")).Out, StringComparison.Ordinal);

        var verify = await cli.OkAsync("audit", "verify", "--json");
        Assert.True(verify.Json.GetProperty("intact").GetBoolean());
        Assert.True(verify.Json.GetProperty("entries").GetInt64() > 9);
        Assert.True(File.Exists(Path.Combine(cli.Root, "audit.head")));

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(cli.Root, "rapport.db")};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.True((long)(await version.ExecuteScalarAsync())! > 24);
    }
}
