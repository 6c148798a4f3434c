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
    public async Task A_denial_is_audited_and_committed()
    {
        var decision = (await new EvaluatePolicy(_f.Factory, _f.Clock, new ConsentGate(PolicyMatrix.Default))
            .ExecuteAsync(new EvaluatePolicyCommand("score_lead", Fixture.Contact, null, EnforcementMode.Enforce, "cli"))).Value;

        Assert.False(decision.Allowed);
        Assert.Equal(["CONSENT_ANALYTICS_MISSING"], decision.Reasons);
        await _f.Audit.Received(1).AppendAsync(Arg.Is<AuditEvent>(e => e.Action == "policy.decided" && e.Detail.Contains("verdict=deny")), Arg.Any<CancellationToken>());
        await _f.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_grant_allows()
    {
        _f.Consents.CurrentAsync(Fixture.Contact, Arg.Any<CancellationToken>()).Returns([Granted("analytics")]);
        var decision = (await new EvaluatePolicy(_f.Factory, _f.Clock, new ConsentGate(PolicyMatrix.Default))
            .ExecuteAsync(new EvaluatePolicyCommand("score_lead", Fixture.Contact, null, EnforcementMode.Enforce, "cli"))).Value;
        Assert.True(decision.Allowed);
    }

    [Fact]
    public async Task A_batch_appends_every_decision_in_one_transaction()
    {
        var other = new ContactId(Guid.NewGuid());
        _f.Consents.CurrentAsync(Arg.Any<IReadOnlyCollection<ContactId>>(), Arg.Any<CancellationToken>())
            .Returns(new Dictionary<ContactId, IReadOnlyList<Domain.Consent.ConsentGrant>> { [Fixture.Contact] = [Granted("marketing")] });

        var decisions = (await new EvaluatePolicyBatch(_f.Factory, _f.Clock, new ConsentGate(PolicyMatrix.Default))
            .ExecuteAsync(new EvaluatePolicyBatchCommand("export_for_marketing", [Fixture.Contact, other], null, EnforcementMode.Enforce, "cli"))).Value;

        Assert.Equal([true, false], decisions.Select(d => d.Allowed));
        await _f.Factory.Received(1).BeginAsync(Arg.Any<CancellationToken>());
        await _f.Audit.Received(1).AppendRangeAsync(Arg.Is<IReadOnlyList<AuditEvent>>(e => e.Count == 2), Arg.Any<CancellationToken>());
        await _f.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_empty_batch_is_rejected()
    {
        var result = await new EvaluatePolicyBatch(_f.Factory, _f.Clock, new ConsentGate(PolicyMatrix.Default))
            .ExecuteAsync(new EvaluatePolicyBatchCommand("score_lead", [], null, EnforcementMode.Enforce, "cli"));
        Assert.Equal(PolicyErrors.BatchSizeInvalid, result.Error.Code);
    }
}
