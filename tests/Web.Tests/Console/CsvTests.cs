using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Audit.Query;
using Rapport.Application.Contacts;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed partial class CsvTests
{
    private const string Header = "name,email,phone,company,tags,fields,peer_id\n";

    [Fact]
    public async Task An_uploaded_csv_is_imported_in_the_background_with_a_progress_page_then_a_report()
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 2500; i++)
        {
            csv.Append($"Person {i:D4},p{i}@example.org,,Acme,vip,,\n");
        }

        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var started = await UploadAsync(client, csv.ToString(), skipInvalid: false);
        Assert.Equal(HttpStatusCode.Found, started.StatusCode);
        var job = started.Headers.Location!.AbsolutePath;
        Assert.Matches("^/contacts/import/[0-9a-f-]{36}$", job);

        var report = await WaitForReportAsync(client, job);
        Assert.Contains("Imported 2,500 contacts.", report, StringComparison.Ordinal);
        Assert.Equal(2500, (await node.Get<ListContacts>().ExecuteAsync(null, null, null, "test")).Value.Count);
        var audit = (await node.Get<QueryAuditLog>().ExecuteAsync(new AuditLogQuery(null, null, 100))).Value;
        Assert.Contains(audit, e => e.Event.Actor == Hosting.WebConsole.Actor && e.Event.Action == "contacts.imported");
    }

    [Fact]
    public async Task Invalid_rows_stop_the_import_and_are_reported_row_by_row_with_a_downloadable_report()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var started = await UploadAsync(client, Header + "Ada,ada@example.org,,,,,\n,nobody@example.org,,,,,\nBob,not-an-address,,,,,\n", skipInvalid: false);
        var report = await WaitForReportAsync(client, started.Headers.Location!.OriginalString);
        Assert.Contains("Nothing was imported: 2 rows are invalid", report, StringComparison.Ordinal);
        Assert.Contains("not-an-address", report, StringComparison.Ordinal);
        Assert.Empty((await node.Get<ListContacts>().ExecuteAsync(null, null, null, "test")).Value);

        using var rejected = await client.GetAsync(started.Headers.Location.OriginalString + "/rejected.csv");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var lines = (await rejected.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("row,reason,name,email", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("3,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipping_invalid_rows_imports_the_rest()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var started = await UploadAsync(client, Header + "Ada,ada@example.org,,,,,\nBob,not-an-address,,,,,\n", skipInvalid: true);
        var report = await WaitForReportAsync(client, started.Headers.Location!.OriginalString);
        Assert.Contains("Imported 1 contacts; 1 invalid rows were skipped.", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Choose a CSV file")]
    [InlineData("nom,courriel\nAda,ada@example.org\n", "nom")]
    [InlineData("name\n\"unterminated\n", "quote")]
    public async Task A_file_that_is_not_a_contacts_csv_is_refused_with_why(string content, string problem)
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var started = await UploadAsync(client, content, skipInvalid: false);
        var page = started.StatusCode == HttpStatusCode.Found
            ? await WaitForReportAsync(client, started.Headers.Location!.OriginalString)
            : await started.Content.ReadAsStringAsync();
        Assert.Contains(problem, page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("role=\"alert\"", page, StringComparison.Ordinal);
        Assert.Empty((await node.Get<ListContacts>().ExecuteAsync(null, null, null, "test")).Value);
    }

    [Fact]
    public async Task Not_utf8_is_refused_and_nothing_is_imported()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var started = await UploadAsync(client, [.. Encoding.ASCII.GetBytes(Header + "Ren"), 0xE9, (byte)'\n'], skipInvalid: true);
        var report = await WaitForReportAsync(client, started.Headers.Location!.OriginalString);
        Assert.Contains("UTF-8", report, StringComparison.Ordinal);
        Assert.Empty((await node.Get<ListContacts>().ExecuteAsync(null, null, null, "test")).Value);
    }

    [Fact]
    public async Task Export_downloads_every_contact_the_purpose_allows_as_csv_and_an_unknown_purpose_is_refused()
    {
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            Assert.True((await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace", "ada@example.org"))).IsSuccess);
            Assert.True((await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Grace Hopper", "grace@example.org"))).IsSuccess);
        });
        using var client = await node.SignedInClientAsync();
        using var export = await client.GetAsync("/contacts/export.csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains("Ada Lovelace,ada@example.org", csv, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper,grace@example.org", csv, StringComparison.Ordinal);

        using var marketing = await client.GetAsync("/contacts/export.csv?purpose=marketing");
        Assert.Equal(HttpStatusCode.OK, marketing.StatusCode);
        Assert.DoesNotContain("Ada", await marketing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(int.TryParse(marketing.Headers.GetValues("X-Rapport-Withheld").Single(), System.Globalization.CultureInfo.InvariantCulture, out _));

        using var unknown = await client.GetAsync("/contacts/export.csv?purpose=Not%20A%20Purpose");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using var signedOut = node.Client();
        using var refused = await signedOut.GetAsync("/contacts/export.csv");
        Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> UploadAsync(ConsoleClient client, string csv, bool skipInvalid) =>
        UploadAsync(client, Encoding.UTF8.GetBytes(csv), skipInvalid);

    private static async Task<HttpResponseMessage> UploadAsync(ConsoleClient client, byte[] csv, bool skipInvalid)
    {
        var page = await client.PageAsync("/contacts/import");
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in ConsoleClient.Hidden(page))
        {
            form.Add(new StringContent(value), name);
        }

        if (skipInvalid)
        {
            form.Add(new StringContent("true"), "SkipInvalid");
        }

        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "File", "contacts.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/contacts/import") { Content = form };
        return await client.SendAsync(request);
    }

    private static async Task<string> WaitForReportAsync(ConsoleClient client, string job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await client.PageAsync(job);
            if (!Refresh().IsMatch(page))
            {
                return page;
            }

            Assert.Contains("<progress", page, StringComparison.Ordinal);
            Assert.True(DateTime.UtcNow < deadline, "the import did not finish within 60 s");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("http-equiv=\"refresh\"")]
    private static partial Regex Refresh();
}
