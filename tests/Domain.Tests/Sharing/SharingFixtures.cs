using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Domain.Tests.Sharing;

internal static class SharingFixtures
{
    public const string Business = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    public const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_763_700_000_000);
    public static readonly SharingRequestId RequestId = new(Guid.Parse("0b5c4e3a-8d1f-4a6b-9c2d-7e8f90a1b2c3"));

    public static SharingRequest Request() => SharingRequest.Create(
        RequestId,
        Business,
        Customer,
        new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["address.city"] = AccessLevel.Edit, ["phone"] = AccessLevel.Edit },
        ["support", "marketing"],
        TimeSpan.FromDays(30),
        "To send you delivery updates",
        T0).Value;

    public static SharingGrant Grant(long version = 1) => SharingGrant.ForRequest(
        Request(),
        new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["phone"] = AccessLevel.Edit },
        ["support"],
        T0,
        T0,
        version).Value;
}
