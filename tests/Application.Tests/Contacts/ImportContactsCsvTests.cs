using System.Text;
using NSubstitute;
using Rapport.Application.Common;
using Rapport.Application.Common.Csv;
using Rapport.Application.Contacts;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Tests.Contacts;

public sealed class ImportContactsCsvTests
{
    private readonly CrmHarness _h = new();
    private readonly List<Contact> _stored = [];

    public ImportContactsCsvTests() =>
        _h.Contacts.When(c => c.UpsertManyAsync(Arg.Any<IReadOnlyList<Contact>>(), Arg.Any<CancellationToken>()))
            .Do(c => _stored.AddRange(c.Arg<IReadOnlyList<Contact>>()));

    private Task<Domain.Common.Result<CsvImportResult>> ImportAsync(string csv, bool skip = false, IProgress<CsvImportProgress>? progress = null) =>
        new ImportContactsCsv(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), skip, progress);

    [Fact]
    public async Task Valid_file_is_imported_in_one_commit_with_an_audit_event_per_contact_and_a_summary()
    {
        var result = await ImportAsync("\uFEFFName,Email,Tags\r\nAda,ada@example.org,vip;math\r\n\r\n\"Turing, Alan\",alan@example.org,\n");
        Assert.True(result.Value.Committed);
        Assert.Equal(2, result.Value.Imported);
        Assert.Equal(["Ada", "Turing, Alan"], _stored.Select(c => c.Name.Value));
        Assert.Equal(["math", "vip"], _stored[0].Tags.Values);
        Assert.Equal(["contact.imported", "contact.imported", "contacts.imported"], _h.Events.Select(e => e.Action));
        Assert.Equal(_stored.Select(c => c.Id.ToString()), _h.Events.Take(2).Select(e => e.ContactId));
        Assert.Equal("count=2 rejected=0", _h.Events[2].Detail);
        await _h.CommittedAsync();
    }

    [Fact]
    public async Task Any_invalid_row_means_nothing_committed_and_all_problems_reported()
    {
        _h.Contacts.ExistingEmailsAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(new HashSet<string>(["taken@example.org"]));
        var result = await ImportAsync(
            "name,email,phone\n" +
            "Ok,ok@example.org,\n" +
            ",blank@example.org,\n" +
            "Bad,bad,+12\n" +
            "Twice,ok@example.org,\n" +
            "Taken,taken@example.org,\n" +
            "Extra,x@example.org,,oops\n");
        Assert.False(result.Value.Committed);
        Assert.Equal([3, 4, 5, 6, 7], result.Value.Rejected.Select(r => r.Row));
        Assert.Equal(["email", "phone"], result.Value.Rejected[1].Errors.Select(e => e.Field));
        Assert.DoesNotContain(_h.Events, e => e.Action == "contacts.imported");
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Skip_invalid_commits_valid_rows_and_returns_rejected()
    {
        var result = await ImportAsync("name,email\nOk,ok@example.org\nBad,bad\n", skip: true);
        Assert.True(result.Value.Committed);
        Assert.Equal(1, result.Value.Imported);
        Assert.Equal(3, Assert.Single(result.Value.Rejected).Row);
        Assert.Equal(["Bad", "bad"], result.Value.Rejected[0].Cells);
        Assert.Equal(["contact.imported", "contacts.imported"], _h.Events.Select(e => e.Action));
        Assert.Equal("count=1 rejected=1", _h.Events[1].Detail);
        await _h.CommittedAsync();
    }

    [Theory]
    [InlineData("", "CSV_EMPTY")]
    [InlineData("name,nickname\nA,B\n", "CSV_HEADER")]
    [InlineData("email\na@example.org\n", "CSV_HEADER")]
    [InlineData("name,name\nA,B\n", "CSV_HEADER")]
    [InlineData("name,email\nA,\"a@example.org\n", "CSV_QUOTING")]
    [InlineData("name,email\nA,a\"b@example.org\n", "CSV_QUOTING")]
    [InlineData("name,email\n\"A\"x,a@example.org\n", "CSV_QUOTING")]
    public async Task Unreadable_files_fail_without_commit(string csv, string code)
    {
        var result = await ImportAsync(csv);
        Assert.Equal(code, result.Error.Code.Value);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Invalid_utf8_names_the_line_of_the_bad_byte()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("name,email\nA,a@example.org\nB"));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes(",b@example.org\n"));
        var result = await new ImportContactsCsv(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new MemoryStream(bytes.ToArray()), false);
        Assert.Equal(CsvErrors.Encoding, result.Error.Code);
        Assert.Contains("line 3, byte 2", result.Error.Message, StringComparison.Ordinal);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Streams_in_batches_and_reports_progress()
    {
        var csv = new StringBuilder("name,email\n");
        for (var i = 0; i < 2500; i++)
        {
            csv.Append("P").Append(i).Append(",p").Append(i).Append("@example.org\n");
        }

        var reports = new List<CsvImportProgress>();
        var result = await ImportAsync(csv.ToString(), progress: new Inline(reports.Add));
        Assert.Equal(2500, result.Value.Imported);
        await _h.Contacts.Received(3).UpsertManyAsync(Arg.Any<IReadOnlyList<Contact>>(), Arg.Any<CancellationToken>());
        Assert.Equal([1000, 2000, 2500], reports.Select(r => r.Rows));
        Assert.NotNull(reports[^1].BytesRead);
    }

    private static byte[] Rows(int count, string? after = null)
    {
        var csv = new StringBuilder("name,email\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append("P").Append(i).Append(",p").Append(i).Append("@example.org\n");
        }

        return Encoding.UTF8.GetBytes(csv.Append(after).ToString());
    }

    [Fact]
    public async Task A_broken_row_after_batches_were_stored_fails_the_import_and_commits_nothing()
    {
        var result = await new ImportContactsCsv(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new MemoryStream(Rows(4500, "Broken,\"b@example.org\n")), false);

        Assert.Equal(CsvErrors.Quoting, result.Error.Code);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Invalid_utf8_after_batches_were_stored_names_its_line_and_commits_nothing()
    {
        var bytes = new List<byte>(Rows(4500, "B"));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes(",b@example.org\n"));

        var result = await new ImportContactsCsv(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new MemoryStream(bytes.ToArray()), false);

        Assert.Equal(CsvErrors.Encoding, result.Error.Code);
        Assert.Contains("line 4502", result.Error.Message, StringComparison.Ordinal);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task A_store_failure_stops_the_reading_too_and_commits_nothing()
    {
        var calls = 0;
        _h.Contacts.UpsertManyAsync(Arg.Any<IReadOnlyList<Contact>>(), Arg.Any<CancellationToken>()).Returns(_ =>
            ++calls == 2 ? Task.FromException(new StoreUnavailableException("disk full")) : Task.CompletedTask);
        var file = new MemoryStream(Rows(40_000));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => new ImportContactsCsv(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(file, false));

        // Validation runs at most a few batches ahead of the store: it stopped long before the end of the file.
        Assert.InRange(file.Position, 1, file.Length / 2);
        Assert.Equal(2, calls);
        await _h.NotCommittedAsync();
    }

    private sealed class Inline(Action<CsvImportProgress> report) : IProgress<CsvImportProgress>
    {
        public void Report(CsvImportProgress value) => report(value);
    }
}
