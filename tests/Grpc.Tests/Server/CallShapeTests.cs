using Grpc.Core;
using Rapport.Adapters.Grpc.Tests.Protos;
using Rapport.Adapters.Grpc.Tests.Support;

namespace Rapport.Adapters.Grpc.Tests.Server;

public sealed class CallShapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Service = "/rapport.test.v1.TestService/";

    [Fact]
    public async Task Unary_echoes_with_headers_metadata_and_trailers()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Echo", new EchoRequest { Text = "hello" }, r => r.Headers.Add("x-test", "meta"));

        Assert.Equal(200, response.HttpStatus);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.Equal(StatusCode.OK, response.Status);
        Assert.False(response.IsTrailersOnly);
        var echo = EchoResponse.Parser.ParseFrom(Assert.Single(response.Messages));
        Assert.Equal("hello", echo.Text);
        Assert.Equal("meta", echo.TestHeader);
        Assert.Equal("", echo.RequestEncoding);
        Assert.Equal("header-value", response.Header("x-echo-header"));
        Assert.Equal("trailer-value", response.Trailer("x-echo-trailer"));
    }

    [Fact]
    public async Task Server_streaming_sends_every_message_then_ok()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Count", new CountRequest { Count = 5 });

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal([1, 2, 3, 4, 5], response.Messages.Select(m => CountResponse.Parser.ParseFrom(m).Value));
    }

    [Fact]
    public async Task Server_streaming_with_zero_messages_is_ok()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Count", new CountRequest { Count = 0 });

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Empty(response.Messages);
    }

    [Fact]
    public async Task Client_streaming_sums_all_messages()
    {
        var body = GrpcFrames.Frames(Enumerable.Range(1, 100).Select(i => (Google.Protobuf.IMessage)new Number { Value = i }).ToArray());

        var response = await fixture.Client.SendAsync(Service + "Sum", body);

        Assert.Equal(StatusCode.OK, response.Status);
        var sum = SumResponse.Parser.ParseFrom(Assert.Single(response.Messages));
        Assert.Equal(5050, sum.Sum);
        Assert.Equal(100, sum.Count);
    }

    [Fact]
    public async Task Client_streaming_with_no_messages_is_ok()
    {
        var response = await fixture.Client.SendAsync(Service + "Sum", []);

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal(0, SumResponse.Parser.ParseFrom(Assert.Single(response.Messages)).Count);
    }

    [Fact]
    public async Task Bidi_streaming_answers_each_message_as_it_arrives()
    {
        var (responseTask, requests) = fixture.Client.StartStreaming(Service + "BidiEcho");
        requests.Write(new EchoRequest { Text = "zero" });
        using var response = await responseTask.WaitAsync(TimeSpan.FromSeconds(10));
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            Assert.Equal("zero", EchoResponse.Parser.ParseFrom(await GrpcFrames.ReadFrameAsync(stream)).Text);
            foreach (var text in new[] { "one", "two", "three" })
            {
                requests.Write(new EchoRequest { Text = text });
                var frame = await GrpcFrames.ReadFrameAsync(stream).WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(text, EchoResponse.Parser.ParseFrom(frame).Text);
            }

            requests.Complete();
            Assert.Null(await GrpcFrames.ReadFrameAsync(stream).WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("0", string.Join(",", response.TrailingHeaders.GetValues("grpc-status")));
        }
    }

    [Fact]
    public async Task Gzip_request_is_decompressed()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(new EchoRequest { Text = "zipped" }, gzip: true),
            r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.OK, response.Status);
        var echo = EchoResponse.Parser.ParseFrom(Assert.Single(response.Messages));
        Assert.Equal("zipped", echo.Text);
        Assert.Equal("gzip", echo.RequestEncoding);
    }

    [Fact]
    public async Task Declared_gzip_with_uncompressed_messages_is_accepted()
    {
        var response = await fixture.Client.SendAsync(Service + "Echo", GrpcFrames.Frame(new EchoRequest { Text = "plain" }),
            r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Binary_metadata_is_accepted_padded_or_not()
    {
        var response = await fixture.Client.UnaryAsync(Service + "Echo", new EchoRequest { Text = "b" }, r =>
        {
            r.Headers.Add("x-blob-bin", "AQID");
            r.Headers.Add("x-other-bin", "AQ");
        });

        Assert.Equal(StatusCode.OK, response.Status);
    }
}
