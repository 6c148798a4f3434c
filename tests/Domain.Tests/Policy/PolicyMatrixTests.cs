using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using static Rapport.Domain.Tests.Consent.Grants;

namespace Rapport.Domain.Tests.Policy;

public sealed class PolicyMatrixTests
{
    private static readonly PolicyMatrix Policy = PolicyMatrix.Default;
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    [Theory]
    [InlineData("score_lead", "analytics", "CONSENT_ANALYTICS_MISSING")]
    [InlineData("train_model", "ai_training", "CONSENT_AI_TRAINING_MISSING")]
    [InlineData("export_for_marketing", "marketing", "CONSENT_MARKETING_MISSING")]
    [InlineData("share_externally", "data_share", "CONSENT_DATA_SHARE_MISSING")]
    public void Each_purpose_action_needs_its_consent(string action, string purpose, string missing)
    {
        var denied = Policy.Evaluate(action, Snapshot(), Now, EnforcementMode.Enforce);
        Assert.False(denied.Allowed);
        Assert.Equal([missing], denied.Reasons.Select(r => r.Code));

        var allowed = Policy.Evaluate(action, Snapshot(Grant(purpose)), Now, EnforcementMode.Enforce);
        Assert.True(allowed.Allowed);
        Assert.Empty(allowed.Reasons);
        Assert.Equal(PolicyMatrix.Default.Version, allowed.PolicyVersion);
    }

    [Fact]
    public void Revoked_expired_and_future_consents_deny_with_the_reason()
    {
        Assert.Equal(["CONSENT_ANALYTICS_MISSING", "CONSENT_REVOKED"], Policy.Evaluate("score_lead", Snapshot(Grant("analytics").Revoke(T0).Value), Now, EnforcementMode.Enforce).Reasons.Select(r => r.Code));
        Assert.Equal(["CONSENT_ANALYTICS_MISSING", "CONSENT_EXPIRED"], Policy.Evaluate("score_lead", Snapshot(Grant("analytics", until: Now)), Now, EnforcementMode.Enforce).Reasons.Select(r => r.Code));
        Assert.Equal(["CONSENT_ANALYTICS_MISSING", "CONSENT_NOT_YET_EFFECTIVE"], Policy.Evaluate("score_lead", Snapshot(Grant("analytics", from: Now.AddDays(1))), Now, EnforcementMode.Enforce).Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Monitor_mode_lets_through_but_keeps_the_would_be_reasons()
    {
        var decision = Policy.Evaluate("score_lead", Snapshot(), Now, EnforcementMode.Monitor);
        Assert.True(decision.Allowed);
        Assert.False(decision.Enforced);
        Assert.False(decision.Permitted);
        Assert.Equal(["CONSENT_ANALYTICS_MISSING"], decision.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Unknown_actions_are_denied()
    {
        var decision = Policy.Evaluate("sell_data", Snapshot(Grant("analytics")), Now, EnforcementMode.Enforce);
        Assert.False(decision.Allowed);
        Assert.Equal(["UNKNOWN_ACTION"], decision.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Field_actions_need_the_level()
    {
        var snapshot = Snapshot(Grant("data_share", fields: [("email", AccessLevel.View), ("interactions", AccessLevel.Edit)]));
        Assert.True(Policy.Evaluate("read_shared_field", snapshot, Now, EnforcementMode.Enforce, F("email")).Allowed);
        Assert.Equal(["FIELD_NOT_EDITABLE"], Policy.Evaluate("write_shared_field", snapshot, Now, EnforcementMode.Enforce, F("email")).Reasons.Select(r => r.Code));
        Assert.True(Policy.Evaluate("write_shared_field", snapshot, Now, EnforcementMode.Enforce, F("interactions")).Allowed);
        Assert.Equal(["FIELD_NOT_SHARED"], Policy.Evaluate("read_shared_field", snapshot, Now, EnforcementMode.Enforce, F("phone")).Reasons.Select(r => r.Code));
        Assert.Equal(["FIELD_NOT_SHARED", "FIELD_NOT_EDITABLE"], Policy.Evaluate("write_shared_field", snapshot, Now, EnforcementMode.Enforce, F("phone")).Reasons.Select(r => r.Code));
        Assert.Equal(["FIELD_REQUIRED"], Policy.Evaluate("read_shared_field", snapshot, Now, EnforcementMode.Enforce).Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Several_failing_requirements_report_every_reason()
    {
        var matrix = new PolicyMatrix(7, [new PolicyRule("campaign", [Purpose.Marketing, Purpose.Analytics])]);
        var decision = matrix.Evaluate("campaign", Snapshot(Grant("marketing").Revoke(T0).Value), Now, EnforcementMode.Enforce);
        Assert.Equal(["CONSENT_MARKETING_MISSING", "CONSENT_REVOKED", "CONSENT_ANALYTICS_MISSING"], decision.Reasons.Select(r => r.Code));
        Assert.Equal(7, decision.PolicyVersion);
    }

    [Fact]
    public void A_decision_cites_the_snapshot_hash()
    {
        var snapshot = Snapshot(Grant("analytics"));
        Assert.Equal(snapshot.Hash, Policy.Evaluate("score_lead", snapshot, Now, EnforcementMode.Enforce).SnapshotHash);
    }

    [Fact]
    public void Batch_evaluation_decides_each_contact()
    {
        ConsentSnapshot[] snapshots = [Snapshot(Grant("analytics")), Snapshot(), Snapshot(Grant("analytics").Revoke(T0).Value)];
        var decisions = new PolicyDecision[3];
        Policy.EvaluateBatch("score_lead", snapshots, Now, EnforcementMode.Enforce, decisions);
        Assert.Equal([true, false, false], decisions.Select(d => d.Allowed));
        Assert.Contains("CONSENT_REVOKED", decisions[2].Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Every_decision_becomes_an_audit_event()
    {
        var decision = Policy.Evaluate("score_lead", Snapshot(), Now, EnforcementMode.Monitor);
        var auditEvent = PolicyAuditEvents.For(decision, "cli");
        Assert.Equal("policy.decided", auditEvent.Action);
        Assert.Equal(Contact.ToString(), auditEvent.ContactId);
        Assert.Contains("verdict=deny", auditEvent.Detail, StringComparison.Ordinal);
        Assert.Contains("mode=monitor", auditEvent.Detail, StringComparison.Ordinal);
        Assert.Contains(decision.SnapshotHash, auditEvent.Detail, StringComparison.Ordinal);
    }
}
