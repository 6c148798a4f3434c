using Rapport.Domain.Sharing;

namespace Rapport.Domain.Tests.Sharing;

public class SharingValueEqualityTests
{
    [Fact]
    public void Grants_requests_and_signed_grants_compare_by_content()
    {
        Assert.Equal(SharingFixtures.Grant(), SharingFixtures.Grant());
        Assert.NotEqual(SharingFixtures.Grant(1), SharingFixtures.Grant(2));
        Assert.Equal(SharingFixtures.Request(), SharingFixtures.Request());
        var bytes = ConsentGrantEncoding.Encode(SharingFixtures.Grant());
        Assert.Equal(SignedConsentGrant.FromParts(bytes, [1, 2], [3]).Value, SignedConsentGrant.FromParts(bytes, [1, 2], [3]).Value);
        Assert.NotEqual(SignedConsentGrant.FromParts(bytes, [1, 2], [3]).Value, SignedConsentGrant.FromParts(bytes, [1, 9], [3]).Value);
        Assert.Equal(SharingFixtures.Grant(), ConsentGrantEncoding.Decode(bytes).Value);
    }
}
