using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Domain.Sharing;
using static Rapport.Domain.Tests.Sharing.SharingFixtures;

namespace Rapport.Domain.Tests.Sharing;

/// <summary>A signed grant read as consent: what the gate decides shared-record uses on, the same on both nodes.</summary>
public class GrantConsentTests
{
    private static readonly DateTimeOffset During = T0.AddDays(1);

    private static SignedConsentGrant Signed(SharingGrant grant) => SignedConsentGrant.Create(grant, [1, 2, 3], [4, 5, 6]).Value;

    [Theory]
    [InlineData("email", "email")]
    [InlineData("address.city", "address.city")]
    [InlineData("custom.tier", "custom.tier")]
    [InlineData("custom.a-b", "custom.a-b")]
    [InlineData("interactions", "interactions")]
    [InlineData("profile.email", "email")]
    public void Every_shared_record_key_has_one_consent_field(string key, string field) => Assert.Equal(field, GrantConsent.FieldOf(key).Key);

    [Fact]
    public void The_snapshot_is_the_same_for_the_same_grant_and_names_the_pair()
    {
        var first = GrantConsent.Snapshot(Signed(Grant()), During);
        var second = GrantConsent.Snapshot(Signed(Grant()), During.AddHours(1));

        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(GrantConsent.SubjectOf(Business, Customer), first.Contact);
        Assert.NotEqual(GrantConsent.SubjectOf(Customer, Business), first.Contact);
        Assert.Equal(ConsentStatus.Granted, first.StatusAt(GrantConsent.SharedRecordPurpose, During));
        Assert.Equal(AccessLevel.Edit, first.LevelAt(GrantConsent.FieldOf("phone"), During));
        Assert.Equal(AccessLevel.View, first.LevelAt(GrantConsent.FieldOf("email"), During));
        Assert.Equal(AccessLevel.None, first.LevelAt(GrantConsent.FieldOf("salary"), During));
    }

    [Fact]
    public void A_refused_purpose_is_revoked_and_a_granted_one_allowed()
    {
        var grant = SharingGrant.ForRequest(Request(), new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View }, [], T0, T0, 1).Value;

        var snapshot = GrantConsent.Snapshot(Signed(grant), During);

        Assert.Equal(ConsentStatus.Revoked, snapshot.StatusAt(Purpose.Parse("support").Value, During));
        Assert.Equal(ConsentStatus.Granted, GrantConsent.Snapshot(Signed(Grant()), During).StatusAt(Purpose.Parse("support").Value, During));
    }

    [Theory]
    [InlineData(-1, "CONSENT_NOT_YET_EFFECTIVE")]
    [InlineData(40, "CONSENT_EXPIRED")]
    public void Outside_its_term_the_grant_allows_no_use_and_no_field(int days, string reason)
    {
        var at = T0.AddDays(days);

        var decision = PolicyMatrix.Default.DecideSharedRecord(
            PolicyActions.SendSharedRecord, PolicyActions.ReadSharedField, GrantConsent.Snapshot(Signed(Grant()), at), ["email", "phone"], at);

        Assert.False(decision.Allowed);
        Assert.Equal(["CONSENT_SHARED_RECORD_MISSING", reason], decision.Record.Reasons.Select(r => r.Code));
        Assert.Equal(["email", "phone"], decision.DeniedFields);
    }

    [Fact]
    public void A_revocation_dated_ahead_of_this_clock_takes_effect_on_receipt()
    {
        var revoked = Grant().Revoke(T0.AddDays(2)).Value;

        var decision = PolicyMatrix.Default.DecideSharedRecord(
            PolicyActions.ReceiveSharedRecord, PolicyActions.ReadSharedField, GrantConsent.Snapshot(Signed(revoked), During), ["email"], During);

        Assert.Equal(["CONSENT_SHARED_RECORD_MISSING", ReasonCode.Revoked.Code], decision.Record.Reasons.Select(r => r.Code));
        Assert.False(decision.Allows("email"));
    }

    [Fact]
    public void An_unknown_action_denies_every_field()
    {
        var decision = PolicyMatrix.Default.DecideSharedRecord("sing_shared_record", PolicyActions.ReadSharedField, GrantConsent.Snapshot(Signed(Grant()), During), ["email"], During);

        Assert.Equal([ReasonCode.UnknownAction.Code], decision.Record.Reasons.Select(r => r.Code));
        Assert.False(decision.Allows("email"));
    }
}
