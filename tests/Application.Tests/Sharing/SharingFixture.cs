using NSubstitute;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Tests.Sharing;

/// <summary>One node's view: a unit of work over substitute stores, a fixed clock, a substitute signer and channel.</summary>
internal sealed class SharingFixture
{
    public const string Business = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    public const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly byte[] CustomerKey = [8, 1, 18, 32, .. Enumerable.Repeat((byte)7, 32)];
    public static readonly byte[] BusinessKey = [8, 1, 18, 32, .. Enumerable.Repeat((byte)9, 32)];

    public SharingFixture(string localPeerId)
    {
        Work.Sharing.Returns(Store);
        Work.Audit.Returns(Audit);
        Factory.BeginAsync(Arg.Any<CancellationToken>()).Returns(Work);
        Clock.UtcNow.Returns(Now);
        Ids.NewId().Returns(Guid.Parse("0b5c4e3a-8d1f-4a6b-9c2d-7e8f90a1b2c3"));
        Signer.LocalPeerId.Returns(localPeerId);
        Signer.PublicKey.Returns(localPeerId == Business ? BusinessKey : CustomerKey);
        Signer.Sign(Arg.Any<byte[]>()).Returns(Enumerable.Repeat((byte)1, 64).ToArray());
        Signer.Verify(Arg.Any<byte[]>(), Arg.Any<byte[]>(), Arg.Any<byte[]>()).Returns(true);
        Signer.BelongsTo(Arg.Is<byte[]>(k => k.SequenceEqual(CustomerKey)), Customer).Returns(true);
        Signer.BelongsTo(Arg.Is<byte[]>(k => k.SequenceEqual(BusinessKey)), Business).Returns(true);
        Store.AddGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Result.Ok());
    }

    public IUnitOfWorkFactory Factory { get; } = Substitute.For<IUnitOfWorkFactory>();
    public IUnitOfWork Work { get; } = Substitute.For<IUnitOfWork>();
    public ISharingStore Store { get; } = Substitute.For<ISharingStore>();
    public IAuditStore Audit { get; } = Substitute.For<IAuditStore>();
    public IClock Clock { get; } = Substitute.For<IClock>();
    public IIdGenerator Ids { get; } = Substitute.For<IIdGenerator>();
    public IGrantSigner Signer { get; } = Substitute.For<IGrantSigner>();
    public IConsentChannel Channel { get; } = Substitute.For<IConsentChannel>();

    public static SharingRequest Request() => SharingRequest.Create(
        new SharingRequestId(Guid.Parse("0b5c4e3a-8d1f-4a6b-9c2d-7e8f90a1b2c3")), Business, Customer,
        new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["phone"] = AccessLevel.Edit },
        ["analytics", "marketing"], TimeSpan.FromDays(30), "to tailor offers", Now).Value;

    public static SignedConsentGrant Signed(long version, string business = Business, byte[]? key = null, bool revoked = false)
    {
        var grant = SharingGrant.Create(
            business, Customer, Request().Id, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View },
            new Dictionary<string, bool> { ["analytics"] = true, ["marketing"] = false }, Now, Now.AddDays(30), Now, revoked ? Now : null, version).Value;
        return SignedConsentGrant.Create(grant, Enumerable.Repeat((byte)1, 64).ToArray(), key ?? CustomerKey).Value;
    }
}
