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
        Assert.Equal(["CONSENT_MARKETING_MISSING"], denied.Reasons);
        Assert.Equal(["CONSENT_MARKETING_MISSING", "CONSENT_REVOKED"], revoked.Reasons);
        Assert.Equal("CONSENT_REVOKED", revoked.PrimaryReason);
    }

    [Fact]
    public void No_purpose_for_an_action_that_needs_one_is_denied()
    {
        var decision = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(Grant("marketing")), Now, EnforcementMode.Enforce, null, (string?)null);

        Assert.False(decision.Allowed);
        Assert.Equal([ReasonCodes.PurposeRequired], decision.Reasons);
    }

    [Theory]
    [InlineData(EnforcementMode.Enforce)]
    [InlineData(EnforcementMode.Monitor)]
    public void An_unknown_purpose_or_action_denies_even_in_monitor_mode(EnforcementMode mode)
    {
        var purpose = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(Grant("marketing")), Now, mode, null, "Marketing!");
        var action = Policy.Evaluate("sell_everything", Snapshot(Grant("marketing")), Now, mode, null, "marketing");

        Assert.False(purpose.Allowed);
        Assert.Equal([ReasonCodes.UnknownPurpose], purpose.Reasons);
        Assert.Equal("Marketing!", purpose.Purpose);
        Assert.False(action.Allowed);
        Assert.Equal([ReasonCodes.UnknownAction], action.Reasons);
    }

    [Fact]
    public void Monitor_mode_lets_a_consent_denial_through_with_its_reasons()
    {
        var decision = Policy.Evaluate(PolicyActions.ReadContact, Snapshot(), Now, EnforcementMode.Monitor, null, "marketing");

        Assert.True(decision.Allowed);
        Assert.Equal(["CONSENT_MARKETING_MISSING"], decision.Reasons);
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
