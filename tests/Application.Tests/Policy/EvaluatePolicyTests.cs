using NSubstitute;
using Rapport.Application.Policy.Evaluate;
using Rapport.Application.Policy.EvaluateBatch;
using Rapport.Application.Policy.Gate;
using Rapport.Application.Tests.Consent;
using Rapport.Domain.Audit;
using Rapport.Domain.Policy;
using static Rapport.Application.Tests.Consent.Fixture;
using ContactId = Rapport.Domain.Contacts.ContactId;

namespace Rapport.Application.Tests.Policy;

public sealed class EvaluatePolicyTests
{
    private readonly Fixture _f = new();

    [Fact]
    public async Task A_denial_is_made_durable_before_it_is_answered()
    {
        var decision = (await new EvaluatePolicy(_f.Factory, _f.Clock, new ConsentGate(PolicyMatrix.Default, _f.Journal))
            .ExecuteAsync(new EvaluatePolicyCommand("score_lead", Fixture.Contact, null, EnforcementMode.Enforce, "cli"))).Value;

        Assert.False(decision.Allowed);
        Assert.Equal(["CONSENT_ANALYTICS_MISSING"], decision.Reasons.Select(r => r.Code));
        var audited = Assert.Single(_f.Journaled);
        Assert.Equal("policy.decided", audited.Action);
        Assert.Contains("verdict=deny", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_allows()
    {
        _f.Consents.CurrentAsync(Fixture.Contact, Arg.Any<CancellationToken>()).Returns([Granted("analytics")]);
        var decision = (await new EvaluatePolicy(_f.Factory, _f.Clock, new ConsentGate(PolicyMatrix.Default, _f.Journal))
            .ExecuteAsync(new EvaluatePolicyCommand("score_lead", Fixture.Contact, null, EnforcementMode.Enforce, "cli"))).Value;
        Assert.True(decision.Allowed);
    }

    [Fact]
    public async Task A_batch_records_every_decision_in_one_journal_batch_from_one_snapshot()
    {
        var other = new ContactId(Guid.NewGuid());
        _f.Consents.CurrentAsync(Arg.Any<IReadOnlyCollection<ContactId>>(), Arg.Any<CancellationToken>())
            .Returns(new Dictionary<ContactId, IReadOnlyList<Domain.Consent.ConsentGrant>> { [Fixture.Contact] = [Granted("marketing")] });

        var decisions = (await new EvaluatePolicyBatch(_f.Factory, _f.Clock, new ConsentGate(PolicyMatrix.Default, _f.Journal))
            .ExecuteAsync(new EvaluatePolicyBatchCommand("export_for_marketing", [Fixture.Contact, other], null, EnforcementMode.Enforce, "cli"))).Value;

        Assert.Equal([true, false], decisions.Select(d => d.Allowed));
        await _f.Factory.Received(1).BeginReadAsync(Arg.Any<CancellationToken>());
        await _f.Journal.Received(1).RecordAsync(Arg.Is<IReadOnlyList<AuditEvent>>(e => e.Count == 1 && e[0].Contacts!.Count == 2), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_empty_batch_is_rejected()
    {
        var result = await new EvaluatePolicyBatch(_f.Factory, _f.Clock, new ConsentGate(PolicyMatrix.Default, _f.Journal))
            .ExecuteAsync(new EvaluatePolicyBatchCommand("score_lead", [], null, EnforcementMode.Enforce, "cli"));
        Assert.Equal(PolicyErrors.BatchSizeInvalid, result.Error.Code);
    }
}
