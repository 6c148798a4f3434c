using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;
using static Rapport.Domain.Tests.Sharing.SharingFixtures;

namespace Rapport.Domain.Tests.Sharing;

public class SharingRequestTests
{
    private static readonly Dictionary<string, AccessLevel> Email = new() { ["email"] = AccessLevel.View };

    [Fact]
    public void Valid_request_is_created_with_sorted_fields_and_purposes()
    {
        var request = Request();
        Assert.Equal(["address.city", "email", "phone"], request.Fields.Keys);
        Assert.Equal(["marketing", "support"], request.Purposes);
        Assert.Equal(TimeSpan.FromDays(30), request.RequestedDuration);
    }

    [Theory]
    [InlineData("", Customer, "email", "support", 30, "why", "businessPeerId")]
    [InlineData(Business, Business, "email", "support", 30, "why", "customerPeerId")]
    [InlineData(Business, Customer, "Email", "support", 30, "why", "fields")]
    [InlineData(Business, Customer, "email", "", 30, "why", "purposes")]
    [InlineData(Business, Customer, "email", "support", 0, "why", "requestedDuration")]
    [InlineData(Business, Customer, "email", "support", 30, " ", "reason")]
    public void Invalid_requests_are_refused_naming_the_field(string business, string customer, string field, string purpose, int days, string reason, string expectedField)
    {
        var result = SharingRequest.Create(RequestId, business, customer, new Dictionary<string, AccessLevel> { [field] = AccessLevel.View }, [purpose], TimeSpan.FromDays(days), reason, T0);
        Assert.Equal(SharingErrors.InvalidRequest, result.Error.Code);
        Assert.Equal(expectedField, result.Error.Field);
    }

    [Fact]
    public void Duplicate_purposes_and_empty_field_lists_are_refused()
    {
        Assert.True(SharingRequest.Create(RequestId, Business, Customer, Email, ["a", "a"], TimeSpan.FromDays(1), "r", T0).IsFailure);
        Assert.True(SharingRequest.Create(RequestId, Business, Customer, new Dictionary<string, AccessLevel>(), ["a"], TimeSpan.FromDays(1), "r", T0).IsFailure);
        Assert.True(SharingRequest.Create(new SharingRequestId(Guid.Empty), Business, Customer, Email, ["a"], TimeSpan.FromDays(1), "r", T0).IsFailure);
    }

    [Fact]
    public void Grant_for_a_request_may_give_less_but_never_more()
    {
        var request = Request();
        var grant = Grant();
        Assert.Equal(new Dictionary<string, bool> { ["marketing"] = false, ["support"] = true }, grant.Purposes);
        Assert.Equal(T0 + TimeSpan.FromDays(30), grant.ExpiresAt);
        Assert.Equal(RequestId, grant.RequestId);

        var upgraded = SharingGrant.ForRequest(request, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.Edit }, [], T0, T0, 1);
        var unrequested = SharingGrant.ForRequest(request, new Dictionary<string, AccessLevel> { ["birthday"] = AccessLevel.View }, [], T0, T0, 1);
        var extraPurpose = SharingGrant.ForRequest(request, Email, ["resale"], T0, T0, 1);
        Assert.Equal(SharingErrors.ExceedsRequest, upgraded.Error.Code);
        Assert.Equal(SharingErrors.ExceedsRequest, unrequested.Error.Code);
        Assert.Equal(SharingErrors.ExceedsRequest, extraPurpose.Error.Code);
    }
}
