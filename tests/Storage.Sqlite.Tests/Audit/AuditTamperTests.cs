using Rapport.Application.Audit;
using Rapport.Application.Audit.Verify;
using Rapport.Domain.Audit;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Audit;

/// <summary>Tampers with a real audit log file through plain SQL and checks verification names the first bad entry.</summary>
public sealed class AuditTamperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task<TempDatabase> LogAsync(int entries)
    {
        var db = await TempDatabase.CreateAsync();
        await using var work = await db.Factory.BeginAsync();
        var events = Enumerable.Range(1, entries)
            .Select(i => new AuditEvent(T0.AddMinutes(i), "cli", "policy.decided", $"c{i % 3}", $"c{i % 3}", $"n={i}"))
            .ToList();
        await work.Audit.AppendRangeAsync(events);
        await work.CommitAsync();
        return db;
    }

    private static async Task<Domain.Common.Result<AuditVerification>> VerifyAsync(TempDatabase db) =>
        await new VerifyAuditLog(db.Factory).ExecuteAsync();

    [Fact]
    public async Task An_untouched_log_verifies()
    {
        await using var db = await LogAsync(20);
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Audit.AppendAsync(new AuditEvent(T0.AddDays(1), "cli", "consent.granted", "c9", "c9", "x"));
            await work.CommitAsync();
        }

        Assert.Equal(21, (await VerifyAsync(db)).Value.Entries);
    }

    [Fact]
    public async Task An_edited_row_is_named()
    {
        await using var db = await LogAsync(20);
        await db.ExecuteAsync("UPDATE audit_log SET detail = 'n=999' WHERE sequence = 7");
        var error = (await VerifyAsync(db)).Error;
        Assert.Equal(AuditErrors.ContentEdited, error.Code);
        Assert.StartsWith("audit log broken at entry 7:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbled_timestamp_is_an_edit_not_a_crash()
    {
        await using var db = await LogAsync(5);
        await db.ExecuteAsync("UPDATE audit_log SET at = 'yesterday' WHERE sequence = 2");
        Assert.Equal("2", (await VerifyAsync(db)).Error.Field);
    }

    [Fact]
    public async Task A_deleted_row_is_named()
    {
        await using var db = await LogAsync(20);
        await db.ExecuteAsync("DELETE FROM audit_log WHERE sequence = 12");
        var error = (await VerifyAsync(db)).Error;
        Assert.Equal(AuditErrors.EntryMissing, error.Code);
        Assert.StartsWith("audit log broken at entry 12:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_and_renumbered_row_is_named()
    {
        await using var db = await LogAsync(20);
        await db.ExecuteAsync("DELETE FROM audit_log WHERE sequence = 12; UPDATE audit_log SET sequence = sequence - 1 WHERE sequence > 12;");
        var error = (await VerifyAsync(db)).Error;
        Assert.Equal(AuditErrors.Reordered, error.Code);
        Assert.Equal("12", error.Field);
    }

    [Fact]
    public async Task An_inserted_row_is_named()
    {
        await using var db = await LogAsync(20);
        // A forger who knows the hash function but not the real predecessor's hash: self-consistent, wrongly linked.
        var forged = new AuditEvent(T0.AddMinutes(30), "cli", "consent.granted", "c1", "c1", "forged");
        var previous = new string('a', 64);
        var hash = AuditEntry.ComputeHash(21, forged, previous);
        await db.ExecuteAsync(
            $"INSERT INTO audit_log VALUES (21, '{forged.At.ToUniversalTime():O}', 'cli', 'consent.granted', 'c1', 'c1', 'forged', '{previous}', '{hash}')");
        var error = (await VerifyAsync(db)).Error;
        Assert.Equal(AuditErrors.LinkBroken, error.Code);
        Assert.StartsWith("audit log broken at entry 21:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reordered_rows_are_named()
    {
        await using var db = await LogAsync(20);
        await db.ExecuteAsync("""
            UPDATE audit_log SET sequence = -5 WHERE sequence = 5;
            UPDATE audit_log SET sequence = 5 WHERE sequence = 6;
            UPDATE audit_log SET sequence = 6 WHERE sequence = -5;
            """);
        var error = (await VerifyAsync(db)).Error;
        Assert.Equal(AuditErrors.Reordered, error.Code);
        Assert.StartsWith("audit log broken at entry 5:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_filter_by_time_and_contact_and_keep_the_latest()
    {
        await using var db = await LogAsync(30);
        await using var work = await db.Factory.BeginAsync();
        var byContact = await work.Audit.QueryAsync(new AuditQuery(null, "c1", 100));
        Assert.Equal(10, byContact.Count);
        Assert.All(byContact, e => Assert.Equal("c1", e.Event.ContactId));
        var since = await work.Audit.QueryAsync(new AuditQuery(T0.AddMinutes(25), null, 100));
        Assert.Equal([25L, 26, 27, 28, 29, 30], since.Select(e => e.Sequence));
        var latest = await work.Audit.QueryAsync(new AuditQuery(null, null, 3));
        Assert.Equal([28L, 29, 30], latest.Select(e => e.Sequence));
        Assert.Equal(30, await work.Audit.CountAsync());
    }

    [Fact]
    public async Task Queries_filter_by_actor_action_prefix_verdict_and_an_upper_time_bound()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var write = await db.Factory.BeginAsync())
        {
            await write.Audit.AppendRangeAsync(
            [
                new AuditEvent(T0.AddMinutes(1), "web:admin", "policy.decided", "c1", "c1", "action=read_contact verdict=allow mode=enforce"),
                new AuditEvent(T0.AddMinutes(2), "partner:mailer", "policy.decided", "c2", "c2", "action=read_contact verdict=deny mode=enforce"),
                new AuditEvent(T0.AddMinutes(3), "web:admin", "policy.decided.many", "2 contacts", null, "action=read_contact decided=2 allowed=1\nc1 allow granted h1\nc2 deny missing h2"),
                new AuditEvent(T0.AddMinutes(4), "cli", "contact.created", "c3", "c3", "name=x verdict=deny"),
                new AuditEvent(T0.AddMinutes(5), "web:admin", "deal.moved", "d1", "c1", "from=lead to=won"),
            ]);
            await write.CommitAsync();
        }

        await using var work = await db.Factory.BeginAsync();
        async Task<long[]> Sequences(AuditQuery query) => [.. (await work.Audit.QueryAsync(query)).Select(e => e.Sequence)];
        var all = new AuditQuery(null, null, 100);
        Assert.Equal(new long[] { 1, 3, 5 }, await Sequences(all with { Actor = "web:admin" }));
        Assert.Equal(new long[] { 1, 2, 3 }, await Sequences(all with { ActionPrefix = "policy." }));
        Assert.Equal(new long[] { 4 }, await Sequences(all with { ActionPrefix = "contact.created" }));
        Assert.Equal(new long[] { 2, 3 }, await Sequences(all with { Verdict = AuditVerdict.Deny }));
        Assert.Equal(new long[] { 1, 3 }, await Sequences(all with { Verdict = AuditVerdict.Allow }));
        Assert.Equal(new long[] { 1, 2 }, await Sequences(all with { Until = T0.AddMinutes(3) }));
        Assert.Equal(new long[] { 3 }, await Sequences(all with { Actor = "web:admin", Verdict = AuditVerdict.Deny, Since = T0.AddMinutes(2) }));
        Assert.Empty(await Sequences(all with { ActionPrefix = "%" }));
        Assert.Empty(await Sequences(all with { Actor = "' OR 1=1 --" }));
    }
}
