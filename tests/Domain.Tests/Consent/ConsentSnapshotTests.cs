using Rapport.Domain.Consent;
using static Rapport.Domain.Tests.Consent.Grants;

namespace Rapport.Domain.Tests.Consent;

public sealed class ConsentSnapshotTests
{
    [Fact]
    public void Nothing_recorded_is_unknown()
    {
        var snapshot = Snapshot();
        Assert.Equal(ConsentStatus.Unknown, snapshot.StatusAt(Purpose.Analytics, T0));
        Assert.False(snapshot.AllowsAt(Purpose.Analytics, T0));
        Assert.Equal(AccessLevel.None, snapshot.LevelAt(F("email"), T0));
    }

    [Fact]
    public void A_parent_grant_covers_its_children()
    {
        var snapshot = Snapshot(Grant("marketing"));
        Assert.Equal(ConsentStatus.Granted, snapshot.StatusAt(P("marketing.email"), T0));
        Assert.Equal(ConsentStatus.Granted, snapshot.StatusAt(P("marketing.email.weekly"), T0));
        Assert.Equal(ConsentStatus.Unknown, snapshot.StatusAt(Purpose.Analytics, T0));
    }

    [Fact]
    public void A_revoked_child_is_not_covered_by_its_granted_parent()
    {
        var child = Grant("marketing.email").Revoke(T0).Value;
        var snapshot = Snapshot(Grant("marketing"), child);
        Assert.Equal(ConsentStatus.Revoked, snapshot.StatusAt(P("marketing.email"), T0.AddDays(1)));
        Assert.Equal(ConsentStatus.Granted, snapshot.StatusAt(P("marketing.sms"), T0.AddDays(1)));
    }

    [Fact]
    public void A_child_grant_does_not_cover_its_parent()
    {
        var snapshot = Snapshot(Grant("marketing.email"));
        Assert.Equal(ConsentStatus.Unknown, snapshot.StatusAt(Purpose.Marketing, T0));
    }

    [Fact]
    public void An_expired_child_falls_back_to_its_parent_and_is_reported_when_nothing_grants()
    {
        var expiredChild = Grant("marketing.email", until: T0.AddDays(1));
        Assert.Equal(ConsentStatus.Granted, Snapshot(Grant("marketing"), expiredChild).StatusAt(P("marketing.email"), T0.AddDays(2)));
        Assert.Equal(ConsentStatus.Expired, Snapshot(expiredChild).StatusAt(P("marketing.email"), T0.AddDays(2)));
        var revokedParent = Grant("marketing").Revoke(T0).Value;
        Assert.Equal(ConsentStatus.Expired, Snapshot(revokedParent, expiredChild).StatusAt(P("marketing.email"), T0.AddDays(2)));
    }

    [Fact]
    public void Field_levels_apply_only_while_their_consent_is_in_effect()
    {
        var grant = Grant("data_share", until: T0.AddDays(5), fields: [("email", AccessLevel.Edit), ("profile.*", AccessLevel.View)]);
        var snapshot = Snapshot(grant);
        Assert.Equal(AccessLevel.Edit, snapshot.LevelAt(F("email"), T0));
        Assert.Equal(AccessLevel.View, snapshot.LevelAt(F("phone"), T0));
        Assert.Equal(AccessLevel.None, snapshot.LevelAt(F("interactions"), T0));
        Assert.Equal(AccessLevel.None, snapshot.LevelAt(F("email"), T0.AddDays(5)));
    }

    [Fact]
    public void An_exact_field_entry_beats_its_wildcard_within_one_consent()
    {
        var snapshot = Snapshot(Grant("analytics", fields: [("email", AccessLevel.None), ("profile.*", AccessLevel.Edit)]));
        Assert.Equal(AccessLevel.None, snapshot.LevelAt(F("email"), T0));
    }

    [Fact]
    public void The_hash_is_stable_and_changes_with_any_change()
    {
        var a = Snapshot(Grant("analytics"), Grant("marketing"));
        var b = Snapshot(Grant("marketing"), Grant("analytics"));
        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(64, a.Hash.Length);
        Assert.NotEqual(a.Hash, Snapshot(Grant("analytics")).Hash);
        Assert.NotEqual(a.Hash, Snapshot(Grant("analytics", until: T0.AddDays(3)), Grant("marketing")).Hash);
    }

    [Fact]
    public void The_highest_version_per_purpose_wins()
    {
        var first = Grant("analytics");
        var revoked = first.Revoke(T0).Value;
        Assert.Equal(ConsentStatus.Revoked, Snapshot(revoked, first).StatusAt(Purpose.Analytics, T0.AddDays(1)));
    }
}
