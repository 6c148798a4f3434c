using Google.Protobuf;
using Grpc.Core;
using Rapport.Adapters.Grpc.Tests.Protos;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Protocol.V1;
using Rapport.Tests.Shared;

namespace Rapport.Adapters.Grpc.Tests.Server;

/// <summary>
/// Random and mutated request bodies, with and without a declared encoding, sent to the node's server: each call ends
/// with a gRPC status (never a dropped connection or a crash), and good calls between them keep being answered.
/// </summary>
public sealed class RequestFuzzTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly byte[][] Seeds =
    [
        GrpcFrames.Frame(new EchoRequest { Text = "hello", Payload = ByteString.CopyFrom(1, 2, 3) }),
        GrpcFrames.Frame(new EchoRequest { Text = "zipped", ResponseSize = 7 }, gzip: true),
        GrpcFrames.Frames(new EchoRequest { Text = "a" }, new EchoRequest { Text = "b", Payload = ByteString.CopyFrom(new byte[300]) }),
        GrpcFrames.Frame(new GetContactRequest { Name = "contacts/0192f7a0-0000-7000-8000-000000000000", Purpose = "marketing" }),
    ];

    [Fact]
    public async Task Every_mangled_request_ends_with_a_status_and_the_server_keeps_serving()
    {
        var random = new Random(20261206);
        var statuses = new Dictionary<StatusCode, int>();
        for (var i = 0; i < 600; i++)
        {
            var body = i % 4 == 0 ? FuzzBytes.Random(random, random.Next(0, 64)) : FuzzBytes.Mutate(random, Seeds[random.Next(Seeds.Length)]);
            var path = i % 3 == 0 ? "/rapport.v1.ContactsService/GetContact" : "/rapport.test.v1.TestService/Echo";
            var gzip = random.Next(3) == 0;
            var response = await fixture.Client.SendAsync(path, body, r =>
            {
                if (gzip)
                {
                    r.Headers.Add("grpc-encoding", "gzip");
                }
            });

            Assert.Equal(200, response.HttpStatus);
            Assert.NotNull(response.Status);
            statuses[response.Status.Value] = statuses.GetValueOrDefault(response.Status.Value) + 1;
            if (i % 50 == 0)
            {
                var good = await fixture.Client.UnaryAsync("/rapport.test.v1.TestService/Echo", new EchoRequest { Text = $"still {i}" });
                Assert.Equal(StatusCode.OK, good.Status);
            }
        }

        // The corpus reaches the decoder's error paths and the handlers, not only one of them.
        Assert.True(statuses.GetValueOrDefault(StatusCode.Internal) > 50, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(StatusCode.OK) + statuses.GetValueOrDefault(StatusCode.Unauthenticated) > 10, string.Join(", ", statuses));
        Assert.False(statuses.ContainsKey(StatusCode.Unknown), string.Join(", ", statuses));
    }
}
