using NSubstitute;
using Rapport.Application.Audit;
using Rapport.Application.Audit.Query;
using Rapport.Application.Audit.Verify;
using Rapport.Application.Tests.Consent;
using Rapport.Domain.Audit;

namespace Rapport.Application.Tests.Audit;

public sealed class VerifyAuditLogTests
{
    private readonly Fixture _f = new();

    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        AuditEntry? previous = null;
        for (var i = 0; i < length; i++)
        {
            previous = AuditEntry.Append(previous, new AuditEvent(Fixture.Now, "cli", "x", "s", null, $"{i}"));
            entries.Add(previous);
        }

        return entries;
    }

    private void Serve(List<AuditEntry> entries)
    {
        _f.Audit.CountAsync(Arg.Any<CancellationToken>()).Returns(entries.Count);
        _f.Audit.ReadAllAsync(Arg.Any<CancellationToken>()).Returns(entries.ToAsyncEnumerable());
    }

    [Fact]
    public async Task Streams_the_log_and_reports_progress()
    {
        Serve(Chain(VerifyAuditLog.ProgressInterval + 5));
        var reports = new List<AuditProgress>();
        var result = await new VerifyAuditLog(_f.Factory).ExecuteAsync(new SyncProgress(reports));
        Assert.Equal(VerifyAuditLog.ProgressInterval + 5, result.Value.Entries);
        Assert.Equal([VerifyAuditLog.ProgressInterval, VerifyAuditLog.ProgressInterval + 5], reports.Select(r => r.Checked));
    }

    [Fact]
    public async Task Names_the_first_bad_entry()
    {
        var chain = Chain(20);
        chain[11] = chain[11] with { Event = chain[11].Event with { Actor = "mallory" } };
        Serve(chain);
        var result = await new VerifyAuditLog(_f.Factory).ExecuteAsync();
        Assert.Equal("12", result.Error.Field);
    }

    [Fact]
    public async Task Query_validates_the_limit_and_passes_filters()
    {
        Assert.Equal(AuditErrors.LimitInvalid, (await new QueryAuditLog(_f.Factory).ExecuteAsync(new AuditLogQuery(null, null, 0))).Error.Code);
        _f.Audit.QueryAsync(Arg.Any<AuditQuery>(), Arg.Any<CancellationToken>()).Returns(Chain(2));
        var entries = (await new QueryAuditLog(_f.Factory).ExecuteAsync(new AuditLogQuery(Fixture.Now, Fixture.Contact, 5))).Value;
        Assert.Equal(2, entries.Count);
        await _f.Audit.Received(1).QueryAsync(new AuditQuery(Fixture.Now, Fixture.Contact.ToString(), 5), Arg.Any<CancellationToken>());
    }

    private sealed class SyncProgress(List<AuditProgress> reports) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) => reports.Add(value);
    }
}
