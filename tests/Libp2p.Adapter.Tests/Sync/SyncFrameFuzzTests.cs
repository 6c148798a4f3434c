using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords;
using Rapport.Domain.SharedRecords;
using Rapport.Protocol.Sharing.V1;
using Rapport.Tests.Shared;
using static Rapport.Adapters.Libp2p.Tests.Sync.SyncSamples;

namespace Rapport.Adapters.Libp2p.Tests.Sync;

/// <summary>The sync frame decoder and the message mapping never throw, whatever the bytes (protocol/sharing.md §3).</summary>
public sealed class SyncFrameFuzzTests
{
    private const int Cases = 110_000;
    private static readonly string[] FrameCodes = ["PROTO_MALFORMED", "SYNC_FRAME_TOO_LARGE"];
    private static readonly string[] MappingCodes = [WireErrors.Malformed.Value, SharedRecordErrors.InvalidDelta.Value, "CONSENT_MALFORMED", "CONSENT_INVALID_GRANT"];

    private static byte[][] Seeds()
    {
        var delta = Delta();
        return
        [
            SyncFrame.Codec.Encode(new SyncMessage { Hello = SyncWire.ToHello(new SyncOpening(SharingRole.Business, Business, Customer, delta.To, 2)) }),
            SyncFrame.Codec.Encode(new SyncMessage { Delta = SyncWire.ToWireParts(delta, 3)[0] }),
            SyncFrame.Codec.Encode(new SyncMessage { Ack = SyncWire.ToAck(3, delta.To) }),
            SyncFrame.Codec.Encode(new SyncMessage { EditRejected = new EditRejected { Sequence = 3, FieldKeys = { "email" }, Code = "SYNC_EDIT_NOT_GRANTED" } }),
            SyncFrame.Codec.Encode(new SyncMessage { Error = new SyncError { Code = "HLC_DRIFT", Message = "ahead", Sequence = 3 } }),
            SyncFrame.Codec.Encode(new SyncMessage
            {
                Grant = new SignedConsentGrant { CanonicalGrant = Google.Protobuf.ByteString.CopyFrom(new byte[234]), Signature = Google.Protobuf.ByteString.CopyFrom(new byte[64]), SignerPublicKey = Google.Protobuf.ByteString.CopyFrom([8, 1, 18, 32, .. new byte[32]]) },
            }),
        ];
    }

    [Fact]
    public void Random_and_mutated_frames_decode_and_map_or_fail_with_a_protocol_code()
    {
        var random = new Random(20261122);
        var seeds = Seeds();
        var (decoded, refused, mapped, mappingRefused) = (0, 0, 0, 0);
        for (var i = 0; i < Cases; i++)
        {
            var input = (i % 5) switch
            {
                0 => FuzzBytes.Random(random, random.Next(0, 80)),
                _ => FuzzBytes.Mutate(random, seeds[random.Next(seeds.Length)]),
            };

            var frame = SyncFrame.Codec.DecodeFrame(input);
            if (frame.IsFailure)
            {
                refused++;
                Assert.Contains(frame.Error.Code.Value, FrameCodes);
                continue;
            }

            decoded++;
            var error = Map(frame.Value);
            if (error is null)
            {
                mapped++;
            }
            else
            {
                mappingRefused++;
                Assert.Contains(error, MappingCodes);
            }
        }

        Assert.True(decoded > 10_000, $"only {decoded} of {Cases} inputs decoded; mutations are too destructive to exercise the mapping");
        Assert.True(refused > 10_000, $"only {refused} of {Cases} inputs were refused");
        Assert.True(mapped > 1_000 && mappingRefused > 1_000, $"mapped {mapped}, refused by the mapping {mappingRefused}");
    }

    [Fact]
    public async Task Reading_random_and_mutated_streams_never_throws()
    {
        var random = new Random(7);
        var seeds = Seeds();
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = i % 2 == 0 ? FuzzBytes.Mutate(random, seeds[random.Next(seeds.Length)]) : FuzzBytes.Random(random, random.Next(0, 40));
            using var stream = new MemoryStream(bytes);
            var read = await SyncFrame.Codec.ReadAsync(stream, CancellationToken.None);
            if (read.IsFailure)
            {
                Assert.Contains(read.Error.Code.Value, (string[])[.. FrameCodes, WireErrors.StreamEnded.Value]);
                Assert.True(read.Error.Code != WireErrors.StreamEnded || bytes.Length == 0);
            }
            else
            {
                Assert.Equal(SyncFrame.Codec.DecodeFrame(bytes.AsSpan(0, (int)stream.Position)).Value, read.Value);
            }
        }
    }

    [Fact]
    public void Every_seed_round_trips()
    {
        foreach (var seed in Seeds())
        {
            var decoded = SyncFrame.Codec.DecodeFrame(seed);
            Assert.True(decoded.IsSuccess, decoded.IsFailure ? decoded.Error.ToString() : null);
            Assert.Equal(seed, SyncFrame.Codec.Encode(decoded.Value));
        }
    }

    // What the session does with a decoded frame before it reaches the node: a Result, never an exception.
    private static string? Map(SyncMessage message) => message.BodyCase switch
    {
        SyncMessage.BodyOneofCase.Hello => SyncWire.FromWire(message.Hello) is { IsFailure: true } h ? h.Error.Code.Value : null,
        SyncMessage.BodyOneofCase.Delta => SyncWire.FromWire(message.Delta) is { IsFailure: true } d ? d.Error.Code.Value : null,
        SyncMessage.BodyOneofCase.Ack => SyncWire.FromWire(message.Ack) is { IsFailure: true } a ? a.Error.Code.Value : null,
        SyncMessage.BodyOneofCase.Grant => Rapport.Adapters.Libp2p.Sharing.ConsentWire.FromWire(message.Grant) is { IsFailure: true } g ? g.Error.Code.Value : null,
        _ => null,
    };
}
