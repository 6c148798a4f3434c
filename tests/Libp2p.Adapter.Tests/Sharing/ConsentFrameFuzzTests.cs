using Google.Protobuf;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Domain.Peers.Encoding;
using Rapport.Protocol.Sharing.V1;
using Rapport.Tests.Shared;

namespace Rapport.Adapters.Libp2p.Tests.Sharing;

/// <summary>The consent frame decoder and the wire mapping never throw, whatever the bytes (protocol/sharing.md §3).</summary>
public sealed class ConsentFrameFuzzTests
{
    private const int Cases = 120_000;

    private static byte[][] Seeds()
    {
        var request = new SharingRequest
        {
            RequestId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray(bigEndian: true)),
            BusinessPeerId = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P",
            CustomerPeerId = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1",
            RequestedDurationMs = 86_400_000,
            Reason = "support",
            CreatedAtMs = 1_763_700_000_000,
        };
        request.Fields.Add("email", FieldAccess.View);
        request.Purposes.Add("support");
        return
        [
            ConsentFrame.Encode(new ConsentMessage { Request = request }),
            ConsentFrame.Encode(new ConsentMessage
            {
                Grant = new SignedConsentGrant { CanonicalGrant = ByteString.CopyFrom(new byte[234]), Signature = ByteString.CopyFrom(new byte[64]), SignerPublicKey = ByteString.CopyFrom([8, 1, 18, 32, .. new byte[32]]) },
                SenderClock = new HlcTimestamp { PhysicalMs = 5, NodeId = "x" },
            }),
            ConsentFrame.Encode(new ConsentMessage { Decline = new SharingDecline { RequestId = request.RequestId, DeclinedAtMs = 9 } }),
            ConsentFrame.Encode(new ConsentMessage { Receipt = new GrantReceipt { GrantSha256 = ByteString.CopyFrom(new byte[32]), Version = 2, Signature = ByteString.CopyFrom(new byte[64]) } }),
            ConsentFrame.Encode(new ConsentMessage { Error = new ConsentError { Code = "CONSENT_REPLAY", Message = "old" } }),
        ];
    }

    [Fact]
    public void Random_and_mutated_frames_decode_or_fail_cleanly()
    {
        var random = new Random(20261122);
        var seeds = Seeds();
        var (decoded, refused) = (0, 0);
        for (var i = 0; i < Cases; i++)
        {
            var input = (i % 4) switch
            {
                0 => FuzzBytes.Random(random, random.Next(0, 64)),
                _ => FuzzBytes.Mutate(random, seeds[random.Next(seeds.Length)]),
            };

            var frame = ConsentFrame.DecodeFrame(input);
            if (frame.IsSuccess)
            {
                decoded++;
                MapAll(frame.Value);
            }
            else
            {
                refused++;
                Assert.Contains(frame.Error.Code, new[] { WireErrors.Malformed, WireErrors.FrameTooLarge });
            }

            if (input.Length > 1)
            {
                var body = ConsentFrame.DecodeMessage(input.AsSpan(1));
                if (body.IsSuccess)
                {
                    MapAll(body.Value);
                }
            }
        }

        Assert.True(decoded > 1_000, $"only {decoded} of {Cases} inputs decoded; mutations are too destructive to exercise the mapping");
        Assert.True(refused > 1_000, $"only {refused} of {Cases} inputs were refused");
    }

    [Fact]
    public void Lengths_outside_one_byte_to_one_mebibyte_and_non_minimal_lengths_are_refused()
    {
        Assert.Equal(WireErrors.Malformed, ConsentFrame.DecodeFrame([0x00]).Error.Code);
        Assert.Equal(WireErrors.Malformed, ConsentFrame.DecodeFrame([0x81, 0x00, 0x08]).Error.Code);
        var tooLong = UnsignedVarint.Encode(ConsentFrame.MaxMessageLength + 1UL);
        Assert.Equal(WireErrors.FrameTooLarge, ConsentFrame.DecodeFrame(tooLong).Error.Code);
        Assert.Equal(WireErrors.Malformed, ConsentFrame.DecodeFrame([0x03, 0x12, 0x00]).Error.Code);
        var unset = new byte[] { 0x02, 0x3a, 0x00 };
        Assert.Equal(WireErrors.Malformed, ConsentFrame.DecodeFrame(unset).Error.Code);
    }

    [Fact]
    public void Every_seed_round_trips()
    {
        foreach (var seed in Seeds())
        {
            var decoded = ConsentFrame.DecodeFrame(seed);
            Assert.True(decoded.IsSuccess, decoded.IsFailure ? decoded.Error.ToString() : null);
            Assert.Equal(seed, ConsentFrame.Encode(decoded.Value));
        }
    }

    // The handler maps whatever decoded; the mapping must refuse bad content with a Result, not an exception.
    private static void MapAll(ConsentMessage message)
    {
        _ = message.BodyCase switch
        {
            ConsentMessage.BodyOneofCase.Request => ConsentWire.FromWire(message.Request).IsSuccess,
            ConsentMessage.BodyOneofCase.Grant => ConsentWire.FromWire(message.Grant).IsSuccess,
            ConsentMessage.BodyOneofCase.Decline => ConsentWire.FromWire(message.Decline).IsSuccess,
            ConsentMessage.BodyOneofCase.Receipt => ConsentWire.FromWire(message.Receipt).IsSuccess,
            _ => true,
        };
    }
}
