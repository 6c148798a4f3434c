using Rapport.Libp2p.Muxing;

namespace Rapport.Libp2p.Tests.Network;

/// <summary>How the host ends the streams it serves: a finished handler's answer always arrives whole.</summary>
public sealed class StreamLifecycleTests
{
    private static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task A_finished_handlers_answer_arrives_whole_even_when_read_late()
    {
        await using var node = await LoggedHost.ListenAsync();
        var answer = new byte[100 * 1024];
        Random.Shared.NextBytes(answer);
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Host.Protocols.Register("/test/answer/1.0.0", async (stream, _, ct) =>
        {
            await stream.WriteAsync(answer, ct);
            handled.SetResult();
        });
        await using var dialer = LoggedHost.Dialer();

        var opened = await dialer.Host.OpenStreamAsync(node.Address, "/test/answer/1.0.0", Soon);
        Assert.True(opened.IsSuccess);
        await using var stream = opened.Value.Stream;
        await handled.Task.WaitAsync(Soon);
        await Task.Delay(200);

        var received = new MemoryStream();
        await stream.CopyToAsync(received, Soon);
        Assert.Equal(answer, received.ToArray());
    }

    [Fact]
    public async Task A_failing_handler_resets_only_its_stream()
    {
        await using var node = await LoggedHost.ListenAsync();
        node.Host.Protocols.Register("/test/broken/1.0.0", (_, _, _) => throw new IOException("handler broke"));
        await using var dialer = LoggedHost.Dialer();

        // The handler fails right after agreeing on the protocol, so its reset can overtake the agreement:
        // either the open fails or the first read does; both are that one stream's failure only.
        var opened = await dialer.Host.OpenStreamAsync(node.Address, "/test/broken/1.0.0", Soon);
        if (opened.IsSuccess)
        {
            await using var stream = opened.Value.Stream;
            await Assert.ThrowsAnyAsync<IOException>(async () =>
            {
                var buffer = new byte[16];
                while (await stream.ReadAsync(buffer, Soon) > 0)
                {
                }
            });
        }

        await node.WaitForLogAsync(l => l.Contains("handler broke", StringComparison.Ordinal));
        var ping = await dialer.Host.PingAsync(node.Address, Soon);
        Assert.True(ping.IsSuccess, ping.IsFailure ? ping.Error.Message + " | " + string.Join(" | ", node.Log) : null);
        Assert.Single(dialer.Host.Connections);
    }

    [Fact]
    public async Task Unknown_protocols_are_refused_and_the_connection_stays_usable()
    {
        await using var node = await LoggedHost.ListenAsync();
        await using var dialer = LoggedHost.Dialer();

        var opened = await dialer.Host.OpenStreamAsync(node.Address, "/test/missing/1.0.0", Soon);

        Assert.True(opened.IsFailure);
        Assert.True((await dialer.Host.PingAsync(node.Address, Soon)).IsSuccess);
        Assert.Single(dialer.Host.Connections);
    }

    [Fact]
    public async Task Many_streams_in_parallel_share_one_connection()
    {
        await using var node = await LoggedHost.ListenAsync();
        node.Host.Protocols.Register("/test/echo/1.0.0", async (stream, _, ct) =>
        {
            await stream.CopyToAsync(stream, ct);
        });
        await using var dialer = LoggedHost.Dialer();

        var echoes = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var opened = await dialer.Host.OpenStreamAsync(node.Address, "/test/echo/1.0.0", Soon);
            Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.Message : null);
            await using var stream = opened.Value.Stream;
            var payload = new byte[4096];
            Random.Shared.NextBytes(payload);
            await stream.WriteAsync(payload, Soon);
            await ((IHalfClosableStream)stream).CloseWriteAsync();
            var back = new MemoryStream();
            await stream.CopyToAsync(back, Soon);
            return payload.AsSpan().SequenceEqual(back.ToArray());
        }));

        Assert.All(echoes, Assert.True);
        Assert.Single(node.Host.Connections);
    }
}
