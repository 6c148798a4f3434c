using Google.Protobuf;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Domain.Sharing;
using WireDecline = Rapport.Protocol.Sharing.V1.SharingDecline;

namespace Rapport.Adapters.Libp2p.Tests.Sharing;

public sealed class ConsentWireDeclineTests
{
    private static readonly SharingRequestId Id = new(Guid.NewGuid());
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_763_700_000_000);

    [Theory]
    [InlineData(null)]
    [InlineData("not now")]
    public void A_decline_round_trips_with_or_without_a_reason(string? reason)
    {
        var decline = SharingDecline.Create(Id, At, reason).Value;

        var decoded = ConsentWire.FromWire(WireDecline.Parser.ParseFrom(ConsentWire.ToWire(decline).ToByteArray()));

        Assert.Equal(decline, decoded.Value);
    }

    [Fact]
    public void A_reason_over_the_limit_from_the_network_is_refused_by_field()
    {
        var wire = new WireDecline
        {
            RequestId = ByteString.CopyFrom(ConsentWire.RequestIdBytes(Id)),
            DeclinedAtMs = At.ToUnixTimeMilliseconds(),
            Reason = new string('x', SharingDecline.MaxReasonLength + 1),
        };

        var decoded = ConsentWire.FromWire(wire);

        Assert.Equal(SharingErrors.InvalidRequest, decoded.Error.Code);
        Assert.Equal("reason", decoded.Error.Field);
    }
}
