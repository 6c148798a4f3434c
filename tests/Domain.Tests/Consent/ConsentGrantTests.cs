using Rapport.Domain.Consent;
using static Rapport.Domain.Tests.Consent.Grants;

namespace Rapport.Domain.Tests.Consent;

public sealed class ConsentGrantTests
{
    [Fact]
    public void Status_follows_the_period_and_revocation()
    {
        var grant = Grant("marketing", from: T0.AddDays(1), until: T0.AddDays(10));
        Assert.Equal(ConsentStatus.NotYetEffective, grant.StatusAt(T0));
        Assert.Equal(ConsentStatus.Granted, grant.StatusAt(T0.AddDays(1)));
        Assert.Equal(ConsentStatus.Granted, grant.StatusAt(T0.AddDays(10).AddTicks(-1)));
        Assert.Equal(ConsentStatus.Expired, grant.StatusAt(T0.AddDays(10)));

        var revoked = grant.Revoke(T0.AddDays(5)).Value;
        Assert.Equal(ConsentStatus.Granted, revoked.StatusAt(T0.AddDays(4)));
        Assert.Equal(ConsentStatus.Revoked, revoked.StatusAt(T0.AddDays(5)));
        Assert.Equal(ConsentStatus.Revoked, revoked.StatusAt(T0.AddDays(20)));
    }

    [Fact]
    public void Every_change_increases_the_version()
    {
        var first = Grant("analytics");
        var second = Grant("analytics", previous: first);
        var third = second.Revoke(T0.AddDays(1)).Value;
        Assert.Equal([1L, 2L, 3L], new[] { first.Version, second.Version, third.Version });
        Assert.True(first.Supersede(second).IsSuccess);
        Assert.Equal(ConsentErrors.VersionConflict, third.Supersede(second).Error.Code);
        Assert.Equal(ConsentErrors.VersionConflict, second.Supersede(second).Error.Code);
    }

    [Fact]
    public void A_period_ending_before_it_starts_is_rejected()
    {
        var result = ConsentGrant.Issue(null, Contact, Purpose.Analytics, LegalBasis.Consent, Form, [], T0, T0.AddDays(2), T0.AddDays(1));
        Assert.Equal(ConsentErrors.PeriodInvalid, result.Error.Code);
    }

    [Fact]
    public void Revoking_twice_is_rejected() =>
        Assert.Equal(ConsentErrors.AlreadyRevoked, Grant("analytics").Revoke(T0).Value.Revoke(T0.AddDays(1)).Error.Code);

    [Fact]
    public void A_field_given_twice_is_rejected()
    {
        var fields = new[] { new KeyValuePair<FieldKey, AccessLevel>(F("email"), AccessLevel.View), new(F("email"), AccessLevel.Edit) };
        Assert.Equal(ConsentErrors.FieldDuplicate, ConsentGrant.Issue(null, Contact, Purpose.Analytics, LegalBasis.Consent, Form, fields, T0, null, null).Error.Code);
    }

    [Fact]
    public void The_source_keeps_the_collected_channel_or_the_customer_signature()
    {
        Assert.Equal("collected:form:signup", Form.Describe());
        Assert.Equal("signed:abc", new ConsentSource.SignedByCustomer("abc").Describe());
    }
}
