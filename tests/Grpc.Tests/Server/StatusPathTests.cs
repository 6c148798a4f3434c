using System.Net;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Rapport.Adapters.Grpc.Tests.Protos;
using Rapport.Adapters.Grpc.Tests.Support;

namespace Rapport.Adapters.Grpc.Tests.Server;

public sealed class StatusPathTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Service = "/rapport.test.v1.TestService/";

    [Fact]
    public async Task RpcException_becomes_status_message_and_rich_details()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Fail", new FailRequest { Reason = "CONSENT_MISSING" });

        Assert.Equal(StatusCode.FailedPrecondition, response.Status);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("Refused: CONSENT_MISSING (100% sure, naïve ✓)", response.StatusMessage);
        var raw = response.Header("grpc-message")!;
        Assert.All(raw, c => Assert.InRange(c, ' ', '~'));
        var details = response.StatusDetails!;
        Assert.Equal((int)StatusCode.FailedPrecondition, details.Code);
        var info = details.Details[0].Unpack<ErrorInfo>();
        Assert.Equal("CONSENT_MISSING", info.Reason);
        Assert.Equal("rapport.test", info.Domain);
        Assert.Equal("email", info.Metadata["field"]);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), details.Details[1].Unpack<RetryInfo>().RetryDelay.ToTimeSpan());
    }

    [Fact]
    public async Task Handler_bug_is_unknown_without_leaking_details()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Fail", new FailRequest { Reason = "crash" });

        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.DoesNotContain("bug", response.StatusMessage, StringComparison.Ordinal);
        Assert.Null(response.StatusDetails);
    }

    [Fact]
    public async Task A_failing_store_is_unavailable_without_the_nodes_paths()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Fail", new FailRequest { Reason = "store" });

        Assert.Equal(StatusCode.Unavailable, response.Status);
        Assert.DoesNotContain("/srv/node", response.StatusMessage, StringComparison.Ordinal);
        Assert.Contains("store", response.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_names_no_method_is_http_404_which_clients_read_as_unimplemented()
    {
        // doc/http-grpc-status-mapping.md: HTTP 404 → UNIMPLEMENTED.
        var response = await fixture.Client.UnaryAsync("/", new EchoRequest());

        Assert.Equal(404, response.HttpStatus);
    }

    [Theory]
    [InlineData("/rapport.test.v1.Nope/Echo")]
    [InlineData("/rapport.test.v1.TestService/Nope")]
    [InlineData("/rapport.test.v1.TestService/NotBound")]
    public async Task Unknown_service_or_method_is_unimplemented(string path)
    {
        var response = await fixture.Client.UnaryAsync(path, new EchoRequest());

        Assert.Equal(200, response.HttpStatus);
        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.True(response.IsTrailersOnly);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/grpcx")]
    public async Task Non_grpc_content_type_is_http_415(string contentType)
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(new EchoRequest()), contentType: contentType);

        // PROTOCOL-HTTP2.md: a non-gRPC content-type SHOULD get HTTP 415, so no HTTP client mistakes the answer for success.
        Assert.Equal(415, response.HttpStatus);
        Assert.NotEqual(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Grpc_proto_content_type_is_accepted()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(new EchoRequest()), contentType: "application/grpc+proto");

        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Http1_request_is_rejected_with_426()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(new EchoRequest()), version: HttpVersion.Version11);

        Assert.Equal(426, response.HttpStatus);
    }

    [Fact]
    public async Task An_unsupported_encoding_on_uncompressed_messages_is_harmless()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(new EchoRequest { Text = "plain" }), r => r.Headers.Add("grpc-encoding", "snappy"));

        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Unsupported_encoding_is_unimplemented_and_advertises_supported_ones()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Raw(1, [1, 2, 3]), r => r.Headers.Add("grpc-encoding", "snappy"));

        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.Contains("gzip", response.Header("grpc-accept-encoding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compressed_flag_without_encoding_is_internal()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(new EchoRequest { Text = "x" }, gzip: true));

        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Corrupt_gzip_is_internal()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Raw(1, [1, 2, 3, 4, 5, 6]), r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Oversized_request_is_resource_exhausted()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Echo", new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[ServerFixture.MaxMessageSize + 1]) });

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
    }

    [Fact]
    public async Task Gzip_bomb_past_the_limit_is_resource_exhausted()
    {
        var message = new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[ServerFixture.MaxMessageSize * 4]) };
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(message, gzip: true), r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
    }

    [Fact]
    public async Task Oversized_response_is_resource_exhausted()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Echo", new EchoRequest { ResponseSize = ServerFixture.MaxMessageSize + 1 });

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        Assert.Empty(response.Messages);
    }

    [Fact]
    public async Task Invalid_compressed_flag_is_internal()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Raw(7, new EchoRequest { Text = "x" }.ToByteArray()));

        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Truncated_message_is_internal()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Raw(0, [0x0A, 0x01], declaredLength: 50));

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Contains("Incomplete", response.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_prefix_is_internal()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", [0, 0, 0]);

        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Invalid_protobuf_is_internal()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Raw(0, [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]));

        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Unary_without_a_request_message_is_internal()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", []);

        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Unary_with_two_request_messages_is_internal()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frames(new EchoRequest(), new EchoRequest()));

        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("-5S")]
    public async Task Malformed_timeout_is_internal(string timeout)
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(new EchoRequest()), r => r.Headers.TryAddWithoutValidation("grpc-timeout", timeout));

        Assert.Equal(StatusCode.Internal, response.Status);
    }

    [Fact]
    public async Task Deadline_exceeded_cancels_the_handler()
    {
        var state = fixture.State;
        state.Reset();
        var response = await fixture.Client.SendAsync(Service + "Slow", GrpcFrames.Frame(new SlowRequest { DelayMs = 20_000 }),
            // The request is read before the handler starts; a deadline shorter than a loaded machine's stall could end
            // the call before the handler ever ran, leaving nothing to cancel.
            r => r.Headers.Add("grpc-timeout", "1S"));

        Assert.Equal(StatusCode.DeadlineExceeded, response.Status);
        await state.SlowCancelled.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Generous_deadline_lets_the_call_finish()
    {
        var response = await fixture.Client.SendAsync(Service + "Slow", GrpcFrames.Frame(new SlowRequest { DelayMs = 10 }),
            r => r.Headers.Add("grpc-timeout", "30S"));

        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Client_cancellation_cancels_the_handler_and_the_server_carries_on()
    {
        var state = fixture.State;
        state.Reset();
        using var cts = new CancellationTokenSource();
        var call = fixture.Client.SendAsync(Service + "Slow", GrpcFrames.Frame(new SlowRequest { DelayMs = 30_000 }), cancellationToken: cts.Token);
        await state.SlowStarted.WaitAsync(TimeSpan.FromSeconds(15));

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await state.SlowCancelled.WaitAsync(TimeSpan.FromSeconds(15));
        var next = await fixture.Client.UnaryAsync(Service + "Echo", new EchoRequest { Text = "still here" });
        Assert.Equal(StatusCode.OK, next.Status);
    }

    [Fact]
    public async Task Bad_calls_do_not_disturb_concurrent_good_calls()
    {
        var bad = Enumerable.Range(0, 20).Select(i => fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Raw((byte)(i % 3 + 1), [0xFF, 0x00], declaredLength: (uint)(i * 1000))));
        var good = Enumerable.Range(0, 20).Select(i => fixture.Client.UnaryAsync(Service + "Echo", new EchoRequest { Text = $"ok{i}" }));

        var goodResults = await Task.WhenAll(good);
        var badResults = await Task.WhenAll(bad);

        Assert.All(goodResults, r => Assert.Equal(StatusCode.OK, r.Status));
        Assert.All(badResults, r => Assert.NotEqual(StatusCode.OK, r.Status));
    }
}
