namespace Rapport.Interop.Tests.Grpc;

/// <summary>Our server against the real @grpc/grpc-js client (codes are grpc status numbers).</summary>
public sealed class GrpcJsInteropTests(GrpcJsFixture fixture) : IClassFixture<GrpcJsFixture>
{
    private const int Ok = 0, Cancelled = 1, DeadlineExceeded = 4, NotFound = 5, ResourceExhausted = 8, FailedPrecondition = 9;

    [Fact]
    public async Task Unary_call_round_trips()
    {
        var result = await NodeClient.RunAsync("unary", fixture.Address, "héllo");

        Assert.Equal(Ok, result.GetProperty("code").GetInt32());
        Assert.Equal("héllo", result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message()
    {
        var result = await NodeClient.RunAsync("serverStream", fixture.Address, "7");

        Assert.Equal(Ok, result.GetProperty("code").GetInt32());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], result.GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public async Task Client_streaming_sums_what_the_client_sent()
    {
        var result = await NodeClient.RunAsync("clientStream", fixture.Address);

        Assert.Equal(Ok, result.GetProperty("code").GetInt32());
        Assert.Equal(55, result.GetProperty("sum").GetInt32());
        Assert.Equal(10, result.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Bidi_streaming_ping_pongs()
    {
        var result = await NodeClient.RunAsync("bidi", fixture.Address);

        Assert.Equal(Ok, result.GetProperty("code").GetInt32());
        Assert.Equal(["one", "two", "three"], result.GetProperty("received").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Deadline_exceeded_reaches_the_client_and_cancels_the_handler()
    {
        fixture.State.Reset();
        var result = await NodeClient.RunAsync("deadline", fixture.Address, "3000");

        Assert.Equal(DeadlineExceeded, result.GetProperty("code").GetInt32());
        await fixture.State.SlowStarted.WaitAsync(TimeSpan.FromSeconds(15));
        await fixture.State.SlowCancelled.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Client_cancellation_cancels_the_handler()
    {
        fixture.State.Reset();
        await using var client = NodeClient.Start("cancel", fixture.Address);
        await fixture.State.SlowStarted.WaitAsync(TimeSpan.FromSeconds(15));

        await client.WriteLineAsync("cancel");
        var result = await client.ReadLineAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(Cancelled, result.GetProperty("code").GetInt32());
        await fixture.State.SlowCancelled.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Error_details_are_decoded_by_grpc_js()
    {
        var result = await NodeClient.RunAsync("errorDetails", fixture.Address, "CONSENT_MISSING");

        Assert.Equal(FailedPrecondition, result.GetProperty("code").GetInt32());
        Assert.Equal("Refused: CONSENT_MISSING (100% sure, naïve ✓)", result.GetProperty("details").GetString());
        var status = result.GetProperty("status");
        Assert.Equal(FailedPrecondition, status.GetProperty("code").GetInt32());
        var details = status.GetProperty("details").EnumerateArray().ToList();
        Assert.Equal("ErrorInfo", details[0].GetProperty("type").GetString());
        Assert.Equal("CONSENT_MISSING", details[0].GetProperty("reason").GetString());
        Assert.Equal("rapport.test", details[0].GetProperty("domain").GetString());
        Assert.Equal("email", details[0].GetProperty("metadata").GetProperty("field").GetString());
        Assert.Equal(1500, details[1].GetProperty("delayMs").GetInt32());
    }

    [Fact]
    public async Task Oversized_request_is_resource_exhausted()
    {
        var result = await NodeClient.RunAsync("oversizedRequest", fixture.Address, (GrpcJsFixture.MaxMessageSize + 10).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ResourceExhausted, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Oversized_response_is_resource_exhausted()
    {
        var result = await NodeClient.RunAsync("oversizedResponse", fixture.Address, (GrpcJsFixture.MaxMessageSize + 10).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ResourceExhausted, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Gzip_compressed_request_is_accepted()
    {
        var result = await NodeClient.RunAsync("gzip", fixture.Address);

        Assert.Equal(Ok, result.GetProperty("code").GetInt32());
        Assert.Equal(2000, result.GetProperty("length").GetInt32());
        Assert.Equal("gzip", result.GetProperty("requestEncoding").GetString());
    }

    [Fact]
    public async Task Health_check_reports_serving_and_not_found()
    {
        var server = await NodeClient.RunAsync("healthCheck", fixture.Address, "");
        var service = await NodeClient.RunAsync("healthCheck", fixture.Address, "rapport.test.v1.TestService");
        var unknown = await NodeClient.RunAsync("healthCheck", fixture.Address, "no.such.Service");

        Assert.Equal("SERVING", server.GetProperty("status").GetString());
        Assert.Equal("SERVING", service.GetProperty("status").GetString());
        Assert.Equal(NotFound, unknown.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Health_watch_streams_status_changes()
    {
        await using var watch = NodeClient.Start("healthWatch", fixture.Address, GrpcJsFixture.WatchedService);
        // Before the first health publication the name is unknown; then its check fails.
        var first = await watch.ReadLineAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(first.GetProperty("update").GetString(), (string[])["SERVICE_UNKNOWN", "NOT_SERVING"]);

        fixture.WatchedUp = true;

        string? update;
        do
        {
            update = (await watch.ReadLineAsync(TimeSpan.FromSeconds(10))).GetProperty("update").GetString();
        }
        while (update != "SERVING");
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task Reflection_lists_services_and_serves_descriptors(string version)
    {
        var result = await NodeClient.RunAsync("reflection", fixture.Address, version);

        Assert.Equal(Ok, result.GetProperty("code").GetInt32());
        var services = result.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("rapport.test.v1.TestService", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1.ServerReflection", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
        Assert.Equal(["test.proto", "google/protobuf/timestamp.proto"], result.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(NotFound, result.GetProperty("errorCode").GetInt32());
    }
}
