using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;

namespace Rapport.Domain.Tests.Policy;

/// <summary>Reasons are a closed set that carry their code, kind and the consent status they report.</summary>
public sealed class ReasonCodeTests
{
    [Fact]
    public void A_missing_purpose_names_it_in_its_code()
    {
        var missing = ReasonCode.Missing(Purpose.Parse("marketing.email").Value);

        Assert.Equal("CONSENT_MARKETING_EMAIL_MISSING", missing.Code);
        Assert.Equal(ErrorKind.ConsentDenied, missing.Error.Kind);
        Assert.Equal(ConsentStatus.Unknown, missing.Status);
        Assert.Equal("marketing.email", missing.Purpose!.Key);
        Assert.Equal(ReasonCode.Missing(Purpose.Parse("marketing.email").Value), missing);
    }

    [Fact]
    public void Each_fixed_reason_has_one_code_and_the_ended_states_report_their_status()
    {
        Assert.Equal(ReasonCode.Fixed.Count, ReasonCode.Fixed.Select(r => r.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ConsentStatus.Revoked, ReasonCode.Revoked.Status);
        Assert.Equal(ConsentStatus.Expired, ReasonCode.Expired.Status);
        Assert.Equal(ConsentStatus.NotYetEffective, ReasonCode.NotYetEffective.Status);
        Assert.Null(ReasonCode.FieldNotShared.Status);
        Assert.All([ReasonCode.UnknownAction, ReasonCode.UnknownPurpose, ReasonCode.PurposeRequired], r => Assert.True(r.IsInvalidRequest));
        Assert.Equal(ErrorKind.Unavailable, ReasonCode.AuditUnavailable.Error.Kind);
    }

    [Fact]
    public void A_decision_cites_the_reasons_themselves()
    {
        var contact = new Rapport.Domain.Contacts.ContactId(Guid.NewGuid());
        var at = DateTimeOffset.UnixEpoch.AddYears(56);
        var decision = PolicyMatrix.Default.Evaluate(PolicyActions.ScoreLead, ConsentSnapshot.Empty(contact), at, EnforcementMode.Enforce);

        Assert.Equal(ReasonCode.Missing(Purpose.Analytics), decision.PrimaryReason);
    }
}
