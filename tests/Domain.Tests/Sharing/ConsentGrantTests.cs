using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;
using static Rapport.Domain.Tests.Sharing.SharingFixtures;

namespace Rapport.Domain.Tests.Sharing;

public class ConsentGrantTests
{
    [Fact]
    public void Status_follows_the_validity_window_and_revocation()
    {
        var grant = Grant();
        Assert.Equal(ConsentStatus.NotYetEffective, grant.StatusAt(T0.AddMilliseconds(-1)));
        Assert.Equal(ConsentStatus.Granted, grant.StatusAt(T0));
        Assert.Equal(ConsentStatus.Granted, grant.StatusAt(grant.ExpiresAt.AddMilliseconds(-1)));
        Assert.Equal(ConsentStatus.Expired, grant.StatusAt(grant.ExpiresAt));

        var revoked = grant.Revoke(T0.AddDays(1)).Value;
        Assert.Equal(2, revoked.Version);
        Assert.Equal(ConsentStatus.Revoked, revoked.StatusAt(T0.AddDays(2)));
    }

    [Theory]
    [InlineData(AccessLevel.None)]
    [InlineData((AccessLevel)3)]
    public void A_grant_names_only_view_or_edit(AccessLevel level)
    {
        var grant = SharingGrant.Create(Business, Customer, null, new Dictionary<string, AccessLevel> { ["email"] = level }, new Dictionary<string, bool>(), T0, T0.AddDays(1), T0, null, 1);

        Assert.Equal(SharingErrors.InvalidGrant, grant.Error.Code);
    }

    [Fact]
    public void Ensure_active_reports_why_consent_does_not_hold()
    {
        var grant = Grant();
        Assert.True(grant.EnsureActiveAt(T0.AddDays(1)).IsSuccess);
        Assert.Equal(SharingErrors.NotYetEffective, grant.EnsureActiveAt(T0.AddDays(-1)).Error.Code);
        Assert.Equal(SharingErrors.Expired, grant.EnsureActiveAt(T0.AddDays(31)).Error.Code);
        Assert.Equal(SharingErrors.Revoked, grant.Revoke(T0.AddDays(1)).Value.EnsureActiveAt(T0.AddDays(1)).Error.Code);
    }

    [Fact]
    public void Field_and_purpose_access_hold_only_while_active()
    {
        var grant = Grant();
        var during = T0.AddDays(1);
        Assert.True(grant.CanView("email", during));
        Assert.False(grant.CanEdit("email", during));
        Assert.True(grant.CanEdit("phone", during));
        Assert.False(grant.CanView("address.city", during));
        Assert.True(grant.AllowsPurpose("support", during));
        Assert.False(grant.AllowsPurpose("marketing", during));
        Assert.False(grant.CanView("email", T0.AddDays(31)));
        Assert.Null(grant.AccessAt("phone", T0.AddDays(-1)));
    }

    [Fact]
    public void Inconsistent_grants_are_refused()
    {
        var fields = new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View };
        var purposes = new Dictionary<string, bool>();
        Assert.Equal(SharingErrors.InvalidGrant, SharingGrant.Create(Business, Customer, null, fields, purposes, T0, T0, T0, null, 1).Error.Code);
        Assert.Equal(SharingErrors.InvalidGrant, SharingGrant.Create(Business, Customer, null, fields, purposes, T0, T0.AddDays(1), T0, null, 0).Error.Code);
        Assert.Equal(SharingErrors.InvalidGrant, SharingGrant.Create(Business, Customer, null, fields, purposes, T0, T0.AddDays(1), T0, T0.AddSeconds(1), 1).Error.Code);
        Assert.Equal(SharingErrors.InvalidGrant, SharingGrant.Create(Business, Customer, null, new Dictionary<string, AccessLevel> { ["email"] = (AccessLevel)7 }, purposes, T0, T0.AddDays(1), T0, null, 1).Error.Code);
    }
}
