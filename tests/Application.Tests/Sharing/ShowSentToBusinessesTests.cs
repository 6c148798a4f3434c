using NSubstitute;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing.Sent;
using Rapport.Domain.Audit;

namespace Rapport.Application.Tests.Sharing;

public sealed class ShowSentToBusinessesTests
{
    private const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";
    private const string Acme = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    private const string Zeta = "12D3KooWDbVKJybVYo6Sk3Kt2kmXEhE7gtSr6KYCdR6vhc72gDGF";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly IUnitOfWorkFactory _factory = Substitute.For<IUnitOfWorkFactory>();
    private readonly List<AuditEntry> _log = [];
    private readonly List<AuditQuery> _queries = [];

    public ShowSentToBusinessesTests()
    {
        var work = Substitute.For<IUnitOfWork>();
        var audit = Substitute.For<IAuditStore>();
        work.Audit.Returns(audit);
        _factory.BeginReadAsync(Arg.Any<CancellationToken>()).Returns(work);

        // The store's contract, in memory: the latest Limit entries matching, before the sequence, oldest first.
        audit.QueryAsync(Arg.Any<AuditQuery>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var q = call.Arg<AuditQuery>();
            _queries.Add(q);
            return (IReadOnlyList<AuditEntry>)_log
                .Where(e => q.ActionPrefix is null || e.Event.Action.StartsWith(q.ActionPrefix, StringComparison.Ordinal))
                .Where(e => q.BeforeSequence is null || e.Sequence < q.BeforeSequence)
                .TakeLast(q.Limit)
                .ToList();
        });
    }

    private void Append(AuditEvent auditEvent) => _log.Add(AuditEntry.Append(_log.LastOrDefault(), auditEvent));

    [Fact]
    public async Task Each_business_gets_every_field_name_ever_sent_the_interactions_and_the_first_and_last_time()
    {
        Append(SentAudit.Event(T0, new SharedRecordPair(Acme, Customer), ["email", "phone"], 0));
        Append(new AuditEvent(T0.AddMinutes(1), "cli", "contact.created", "x", null, "fields=name"));
        Append(SentAudit.Event(T0.AddMinutes(2), new SharedRecordPair(Zeta, Customer), ["email"], 3));
        Append(SentAudit.Event(T0.AddMinutes(3), new SharedRecordPair(Acme, Customer), ["address.city", "email", "email"], 2));

        var sent = await new ShowSentToBusinesses(_factory).ExecuteAsync();

        Assert.Equal(new[] { "address.city", "email", "phone" }, sent[Acme].Fields);
        Assert.Equal(2, sent[Acme].Interactions);
        Assert.Equal((T0, T0.AddMinutes(3)), (sent[Acme].First, sent[Acme].Last));
        Assert.Equal(new[] { "email" }, sent[Zeta].Fields);
        Assert.Equal(3, sent[Zeta].Interactions);
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public async Task A_history_longer_than_a_page_is_read_to_its_first_entry()
    {
        for (var i = 0; i < 10_005; i++)
        {
            Append(SentAudit.Event(T0.AddSeconds(i), new SharedRecordPair(Acme, Customer), [i == 0 ? "first.field" : "email"], 1));
        }

        var sent = await new ShowSentToBusinesses(_factory).ExecuteAsync();

        Assert.Equal(new[] { "email", "first.field" }, sent[Acme].Fields);
        Assert.Equal(10_005, sent[Acme].Interactions);
        Assert.Equal(T0, sent[Acme].First);
        Assert.Equal([null, 6], _queries.Select(q => q.BeforeSequence));
    }

    [Theory]
    [InlineData("fields=email,phone interactions=4", "email,phone", 4)]
    [InlineData("interactions=2 fields=", "", 2)]
    [InlineData("something else entirely", "", 0)]
    [InlineData("fields=email interactions=-1", "email", 0)]
    public void The_detail_reads_back_as_written_and_anything_else_as_nothing(string detail, string fields, int interactions)
    {
        var read = SentAudit.Read(detail);

        Assert.Equal(fields, string.Join(',', read.Fields));
        Assert.Equal(interactions, read.Interactions);
    }
}
