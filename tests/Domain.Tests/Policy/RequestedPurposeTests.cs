using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using static Rapport.Domain.Tests.Consent.Grants;

namespace Rapport.Domain.Tests.Policy;

/// <summary>Actions for a purpose the caller names (`read_contact` "for marketing"), and the fail-safe on bad requests.</summary>
public sealed class RequestedPurposeTests
{
    private static readonly PolicyMatrix Policy = PolicyMatrix.Default;
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    [Theory]
    [InlineData(PolicyActions.ReadContact)]
    [InlineData(PolicyActions.ReadInteractions)]
    [InlineData(PolicyActions.ExportContacts)]
    [InlineData(PolicyActions.ReadConsent)]
    public void The_requested_purpose_must_be_granted(string action)
    {
        var allowed = Policy.Evaluate(action, Snapshot(Grant("marketing")), Now, EnforcementMode.Enforce, null, "marketing.email");
        var denied = Policy.Evaluate(action, Snapshot(Grant("analytics")), Now, EnforcementMode.Enforce, null, "marketing");
        var revoked = Policy.Evaluate(action, Snapshot(Grant("marketing").Revoke(T0).Value), Now, EnforcementMode.Enforce, null, "marketing");

        Assert.True(allowed.Allowed);
        Assert.Equal("marketing.email", allowed.Purpose);
        Assert.Null(allowed.PrimaryReason);
        Assert.Equal(["CONSENT_MARKETING_MISSING"], denied.Reasons.Select(r => r.Code));
        Assert.Equal(["CONSENT_MARKETING_MISSING", "CONSENT_REVOKED"], revoked.Reasons.Select(r => r.Code));
        Assert.Equal("CONSENT_REVOKED", revoked.PrimaryReason?.Code);
    }

    [Theory]
    [InlineData("crm")]
    [InlineData("crm.support")]
    public void The_businesss_own_record_keeping_needs_no_record_but_an_objection_stops_it(string purpose)
    {
        var nothingRecorded = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(Grant("marketing")), Now, EnforcementMode.Enforce, null, purpose);
        var objected = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(Grant("crm").Revoke(T0).Value), Now, EnforcementMode.Enforce, null, purpose);
        var lapsed = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(Grant("crm", until: T0.AddHours(1))), Now, EnforcementMode.Enforce, null, purpose);

        Assert.True(nothingRecorded.Allowed);
        Assert.Equal([ReasonCode.Missing(Purpose.Parse(purpose).Value).Code, ReasonCode.Revoked.Code], objected.Reasons.Select(r => r.Code));
        Assert.Equal("CONSENT_EXPIRED", lapsed.PrimaryReason?.Code);
        Assert.Contains(Purpose.Crm.Key, Policy.ImpliedPurposes);
    }

    [Fact]
    public void Only_the_implied_purposes_need_no_record()
    {
        Assert.True(Policy.IsImplied(Purpose.Crm));
        Assert.False(Policy.IsImplied(Purpose.Marketing));
        Assert.False(Policy.IsImplied(Purpose.Parse("crmx").Value));
        Assert.False(new PolicyMatrix(1, [new PolicyRule(PolicyActions.ReadContact, [], requiresRequestedPurpose: true)]).IsImplied(Purpose.Crm));
    }

    [Fact]
    public void No_purpose_for_an_action_that_needs_one_is_denied()
    {
        var decision = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(Grant("marketing")), Now, EnforcementMode.Enforce, null, (string?)null);

        Assert.False(decision.Allowed);
        Assert.Equal([ReasonCode.PurposeRequired.Code], decision.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(EnforcementMode.Enforce)]
    [InlineData(EnforcementMode.Monitor)]
    public void An_unknown_purpose_or_action_denies_even_in_monitor_mode(EnforcementMode mode)
    {
        var purpose = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(Grant("marketing")), Now, mode, null, "Marketing!");
        var action = Policy.Evaluate("sell_everything", Snapshot(Grant("marketing")), Now, mode, null, "marketing");

        Assert.False(purpose.Allowed);
        Assert.Equal([ReasonCode.UnknownPurpose.Code], purpose.Reasons.Select(r => r.Code));
        Assert.Equal("Marketing!", purpose.Purpose);
        Assert.False(action.Allowed);
        Assert.Equal([ReasonCode.UnknownAction.Code], action.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Monitor_mode_lets_a_consent_denial_through_with_its_reasons()
    {
        var decision = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(), Now, EnforcementMode.Monitor, null, "marketing");

        Assert.True(decision.Allowed);
        Assert.Equal(["CONSENT_MARKETING_MISSING"], decision.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void The_audit_record_names_the_purpose_and_never_a_raw_control_character()
    {
        var decision = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(), Now, EnforcementMode.Enforce, null, "x y\nverdict=allow");

        var detail = PolicyAuditEvents.For(decision, "partner:mailer").Detail;

        Assert.StartsWith("action=read_contact purpose=x?y?verdict?allow verdict=deny", detail, StringComparison.Ordinal);
        Assert.Contains("reasons=UNKNOWN_PURPOSE", detail, StringComparison.Ordinal);
    }
}
