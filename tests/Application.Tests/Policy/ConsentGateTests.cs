using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Rapport.Application.Common;
using Rapport.Application.Consent.Check;
using Rapport.Application.Contacts;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Tests.Consent;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using static Rapport.Application.Tests.Consent.Fixture;

namespace Rapport.Application.Tests.Policy;

/// <summary>The gate and the use cases that read through it: one audited decision, committed before the answer.</summary>
public sealed class ConsentGateTests
{
    private readonly Fixture _f = new();
    private readonly ConsentGate _gate;
    private readonly Contact _ada = Domain.Contacts.Contact.Restore(Fixture.Contact, new ContactInput("Ada").Validate().Value, Now.AddDays(-30), Now.AddDays(-30), null);

    public ConsentGateTests()
    {
        _gate = new ConsentGate(PolicyMatrix.Default, _f.Journal);
        _f.Contacts.GetAsync(Fixture.Contact, Arg.Any<CancellationToken>()).Returns(_ada);
    }

    [Fact]
    public async Task A_read_with_consent_is_made_durable_by_the_journal_on_a_read_only_snapshot_then_answered()
    {
        _f.Consents.CurrentAsync(Fixture.Contact, Arg.Any<CancellationToken>()).Returns([Granted("marketing")]);

        var shown = await new ShowContactForPurpose(_f.Factory, _f.Clock, _gate).ExecuteAsync(Fixture.Contact, "marketing", "cli");

        Assert.Equal(_ada, shown.Value);
        var decided = Assert.Single(_f.Journaled);
        Assert.Equal(PolicyAuditEvents.Decided, decided.Action);
        Assert.Contains("verdict=allow", decided.Detail, StringComparison.Ordinal);
        await _f.Factory.Received(1).BeginReadAsync(Arg.Any<CancellationToken>());
        await _f.Factory.DidNotReceive().BeginAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_write_transaction_audits_its_decision_in_itself_not_through_the_journal()
    {
        _f.Consents.CurrentAsync(Fixture.Contact, Arg.Any<CancellationToken>()).Returns([Granted("marketing")]);

        var decision = await _gate.DecideAsync(_f.Work, Fixture.Contact, new GateRequest(PolicyActions.ReadContact, "sync", "marketing"), Now);

        Assert.True(decision.Allowed);
        await _f.Audit.Received(1).AppendAsync(Arg.Is<AuditEvent>(e => e.Action == PolicyAuditEvents.Decided), Arg.Any<CancellationToken>());
        Assert.Empty(_f.Journaled);
    }

    [Fact]
    public async Task A_denial_is_audited_and_carries_the_consent_denied_kind()
    {
        var shown = await new ShowContactForPurpose(_f.Factory, _f.Clock, _gate).ExecuteAsync(Fixture.Contact, "marketing", "cli");

        Assert.Equal(ErrorKind.ConsentDenied, shown.Error.Kind);
        Assert.Equal("CONSENT_MARKETING_MISSING", shown.Error.Code.Value);
        Assert.Contains($"policy v{PolicyMatrix.Default.Version}", shown.Error.Message, StringComparison.Ordinal);
        Assert.Contains("verdict=deny", Assert.Single(_f.Journaled).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audit_store_failure_answers_nothing()
    {
        _f.Consents.CurrentAsync(Fixture.Contact, Arg.Any<CancellationToken>()).Returns([Granted("marketing")]);
        _f.Journal.RecordAsync(Arg.Any<IReadOnlyList<AuditEvent>>(), Arg.Any<CancellationToken>()).ThrowsAsync(new StoreUnavailableException("disk full"));

        var shown = await new ShowContactForPurpose(_f.Factory, _f.Clock, _gate).ExecuteAsync(Fixture.Contact, "marketing", "cli");
        var checkedConsent = await new CheckConsent(_f.Factory, _f.Clock, _gate).ExecuteAsync(Fixture.Contact, "marketing", "cli");

        Assert.Equal(PolicyErrors.AuditUnavailable, shown.Error.Code);
        Assert.Equal(ErrorKind.Unavailable, shown.Error.Kind);
        Assert.Equal(PolicyErrors.AuditUnavailable, checkedConsent.Error.Code);
        Assert.Contains("disk full", shown.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_contact_is_not_found_and_decides_nothing()
    {
        var missing = new ContactId(Guid.NewGuid());

        var shown = await new ShowContactForPurpose(_f.Factory, _f.Clock, _gate).ExecuteAsync(missing, "marketing", "cli");

        Assert.Equal(ErrorKind.NotFound, shown.Error.Kind);
        Assert.Empty(_f.Journaled);
        await _f.Audit.DidNotReceive().AppendAsync(Arg.Any<AuditEvent>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("granted", true)]
    [InlineData("revoked", false)]
    [InlineData("missing", false)]
    public async Task Consent_status_is_what_the_decision_says(string status, bool allowed)
    {
        if (status != "missing")
        {
            var grant = Granted("marketing");
            _f.Consents.CurrentAsync(Fixture.Contact, Arg.Any<CancellationToken>()).Returns([status == "revoked" ? grant.Revoke(Now.AddDays(-1)).Value : grant]);
        }

        var answer = (await new CheckConsent(_f.Factory, _f.Clock, _gate).ExecuteAsync(Fixture.Contact, "marketing", "partner:crm")).Value;

        Assert.Equal(status, answer.Status);
        Assert.Equal(allowed, answer.Allowed);
        Assert.Equal(PolicyActions.ReadConsent, answer.Decision.Action);
        Assert.Equal("partner:crm", Assert.Single(_f.Journaled).Actor);
    }

    [Fact]
    public async Task Deciding_in_order_stops_at_the_wanted_allowed_count_and_audits_only_what_it_decided()
    {
        ContactId[] candidates = [.. Enumerable.Range(0, 5).Select(_ => new ContactId(Guid.NewGuid()))];
        IReadOnlyList<ConsentGrant> For(ContactId id) =>
            [ConsentGrant.Issue(null, id, Purpose.Marketing, LegalBasis.Consent, Form, [], Now.AddDays(-10), null, null).Value];
        // The second has no consent; the page wants two allowed, so the fourth and fifth are never decided.
        _f.Consents.CurrentAsync(Arg.Any<IReadOnlyCollection<ContactId>>(), Arg.Any<CancellationToken>()).Returns(new Dictionary<ContactId, IReadOnlyList<ConsentGrant>>
        {
            [candidates[0]] = For(candidates[0]),
            [candidates[2]] = For(candidates[2]),
            [candidates[3]] = For(candidates[3]),
            [candidates[4]] = For(candidates[4]),
        });

        var decisions = await _gate.DecideInOrderAsync((IReadUnitOfWork)_f.Work, candidates, new GateRequest(PolicyActions.ReadContact, "partner:crm", "marketing"), Now, wanted: 2);

        Assert.Equal([true, false, true], decisions.Select(d => d.Allowed));
        Assert.Equal(candidates[..3], decisions.Select(d => d.Contact));
        var decided = candidates.Take(3).Select(c => c.ToString()).ToList();
        // One compact entry names exactly the contacts decided, each with its verdict.
        await _f.Journal.Received(1).RecordAsync(
            Arg.Is<IReadOnlyList<AuditEvent>>(e => e.Count == 1 && e[0].Action == PolicyAuditEvents.DecidedMany && e[0].Contacts!.SequenceEqual(decided)),
            Arg.Any<CancellationToken>());
        var entry = (IReadOnlyList<AuditEvent>)_f.Journal.ReceivedCalls().Single().GetArguments()[0]!;
        Assert.Contains("verdict=deny", PolicyAuditEvents.DecisionOf(entry[0], decided[1]), StringComparison.Ordinal);
        Assert.Contains("verdict=allow", PolicyAuditEvents.DecisionOf(entry[0], decided[2]), StringComparison.Ordinal);
        Assert.Null(PolicyAuditEvents.DecisionOf(entry[0], candidates[3].ToString()));
    }
}
