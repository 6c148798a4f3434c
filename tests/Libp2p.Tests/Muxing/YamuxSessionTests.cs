using System.Diagnostics;
using System.Security.Cryptography;
using Rapport.Libp2p.Muxing;

namespace Rapport.Libp2p.Tests.Muxing;

public class YamuxSessionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(1024 * 1024)]
    [InlineData(64 * 1024 * 1024)]
    public async Task Bytes_arrive_exactly(int size)
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token(60);
        var data = RandomNumberGenerator.GetBytes(size);

        var opened = await pair.Client.OpenStreamAsync(ct);
        var send = Task.Run(async () =>
        {
            await opened.WriteAsync(data, ct);
            await opened.CloseWriteAsync();
        });
        var accepted = await pair.Server.AcceptStreamAsync(ct);
        var received = await ReadToEndAsync(accepted, ct);
        await send;

        Assert.Equal(opened.Id, accepted.Id);
        Assert.Equal(1u, opened.Id % 2);
        Assert.True(data.AsSpan().SequenceEqual(received));
    }

    [Fact]
    public async Task Hundred_concurrent_streams_echo_independently()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token(60);
        var echo = Task.Run(async () =>
        {
            var handlers = new List<Task>();
            for (var i = 0; i < 100; i++)
            {
                var s = await pair.Server.AcceptStreamAsync(ct);
                handlers.Add(Task.Run(async () =>
                {
                    var request = await ReadToEndAsync(s, ct);
                    await s.WriteAsync(request, ct);
                    await s.CloseWriteAsync();
                }));
            }

            await Task.WhenAll(handlers);
        });

        var clients = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            var payload = RandomNumberGenerator.GetBytes(1000 + (i * 997));
            var s = await pair.Client.OpenStreamAsync(ct);
            await s.WriteAsync(payload, ct);
            await s.CloseWriteAsync();
            var reply = await ReadToEndAsync(s, ct);
            Assert.True(payload.AsSpan().SequenceEqual(reply));
            await s.DisposeAsync();
        })).ToArray();

        await Task.WhenAll(clients);
        await echo;
        await WaitUntilAsync(() => pair.Client.ActiveStreams == 0 && pair.Server.ActiveStreams == 0, ct);
    }

    [Fact]
    public async Task Streams_opened_concurrently_reach_the_peer_in_id_order()
    {
        // Ids are handed out in order; their SYNs must leave in the same order or the peer sees a lower id after a
        // higher one, takes it for a reused id and ends the session with a protocol error.
        for (var round = 0; round < 10; round++)
        {
            await using var pair = await SessionPair.StartAsync();
            var ct = TestTimeout.Token(30);
            var accepting = Task.Run(async () =>
            {
                for (var i = 0; i < 200; i++)
                {
                    await pair.Server.AcceptStreamAsync(ct);
                }
            });
            // Dedicated threads, many more than cores, so an opener is often preempted between taking its id and sending its SYN.
            using var start = new Barrier(200);
            var opens = Enumerable.Range(0, 200).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait(ct);
                    return pair.Client.OpenStreamAsync(ct).GetAwaiter().GetResult();
                },
                ct,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)).ToArray();
            await Task.WhenAll(opens);
            await accepting;
            Assert.Null(pair.Server.CloseReason);
            Assert.Null(pair.Client.CloseReason);
        }
    }

    [Fact]
    public async Task Both_sides_writing_bulk_at_once_do_not_deadlock()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token(60);
        const int Size = 8 * 1024 * 1024;
        var streams = new List<(YamuxStream Local, Task<YamuxStream> Remote)>();
        for (var i = 0; i < 4; i++)
        {
            var local = await pair.Client.OpenStreamAsync(ct);
            await local.WriteAsync(new byte[1], ct);
            streams.Add((local, pair.Server.AcceptStreamAsync(ct)));
        }

        var work = new List<Task>();
        foreach (var (local, remoteTask) in streams)
        {
            var remote = await remoteTask;
            await remote.ReadExactlyAsync(new byte[1], ct);
            foreach (var (writer, reader) in new[] { (local, remote), (remote, local) })
            {
                work.Add(Task.Run(async () =>
                {
                    await writer.WriteAsync(new byte[Size], ct);
                    await writer.CloseWriteAsync();
                }));
                work.Add(Task.Run(async () => Assert.Equal(Size, (await ReadToEndAsync(reader, ct)).Length)));
            }
        }

        await Task.WhenAll(work);
    }

    [Fact]
    public async Task Half_close_lets_the_other_direction_continue()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var client = await pair.Client.OpenStreamAsync(ct);
        await client.WriteAsync("hello"u8.ToArray(), ct);
        await client.CloseWriteAsync();

        var server = await pair.Server.AcceptStreamAsync(ct);
        Assert.Equal("hello"u8.ToArray(), await ReadToEndAsync(server, ct));
        Assert.Equal(0, await server.ReadAsync(new byte[10], ct));

        await server.WriteAsync("world"u8.ToArray(), ct);
        await server.CloseWriteAsync();
        Assert.Equal("world"u8.ToArray(), await ReadToEndAsync(client, ct));
        await Assert.ThrowsAsync<IOException>(async () => await client.WriteAsync(new byte[1], ct));
        await WaitUntilAsync(() => pair.Client.ActiveStreams == 0 && pair.Server.ActiveStreams == 0, ct);
    }

    [Fact]
    public async Task Reset_mid_stream_fails_the_peer_reads_and_writes()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var client = await pair.Client.OpenStreamAsync(ct);
        await client.WriteAsync(new byte[1000], ct);
        var server = await pair.Server.AcceptStreamAsync(ct);
        await server.ReadExactlyAsync(new byte[1000], ct);

        var pendingRead = server.ReadAsync(new byte[10], ct).AsTask();
        client.Reset();

        var readError = await Assert.ThrowsAsync<IOException>(() => pendingRead);
        Assert.Equal("stream reset by peer", readError.Message);
        var writeError = await Assert.ThrowsAsync<IOException>(async () => await server.WriteAsync(new byte[1], ct));
        Assert.Equal("stream reset by peer", writeError.Message);
        await Assert.ThrowsAsync<IOException>(async () => _ = await client.ReadAsync(new byte[1], ct));

        // The session itself carries on.
        var next = await pair.Client.OpenStreamAsync(ct);
        await next.WriteAsync(new byte[] { 7 }, ct);
        var nextAccepted = await pair.Server.AcceptStreamAsync(ct);
        Assert.Equal(7, (await ReadSomeAsync(nextAccepted, 1, ct))[0]);
    }

    [Fact]
    public async Task Ping_measures_a_round_trip()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var rtt = await pair.Client.PingAsync(ct);
        Assert.True(rtt > TimeSpan.Zero && rtt < TimeSpan.FromSeconds(10));
        Assert.True(await pair.Server.PingAsync(ct) > TimeSpan.Zero);
    }

    [Fact]
    public async Task Go_away_refuses_new_streams_and_the_session_ends_with_its_reason()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var existing = await pair.Client.OpenStreamAsync(ct);
        await existing.WriteAsync(new byte[] { 1 }, ct);
        var accepted = await pair.Server.AcceptStreamAsync(ct);

        await pair.Server.GoAwayAsync();
        await WaitUntilAsync(() => pair.Log.Any(l => l.Contains("client yamux: peer sent go-away (Normal)", StringComparison.Ordinal)), ct);
        var refused = await Assert.ThrowsAsync<YamuxException>(() => pair.Client.OpenStreamAsync(ct));
        Assert.Contains("go-away", refused.Message, StringComparison.Ordinal);

        // Streams already open keep working after a normal go-away.
        await accepted.WriteAsync(new byte[] { 2 }, ct);
        Assert.Equal(2, (await ReadSomeAsync(existing, 1, ct))[0]);

        await pair.Server.DisposeAsync();
        await pair.Client.Completion.WaitAsync(ct);
        Assert.Contains("peer went away (Normal)", pair.Client.CloseReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<YamuxException>(() => pair.Client.AcceptStreamAsync(ct));
    }

    [Fact]
    public async Task Slow_reader_blocks_the_writer_instead_of_buffering()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token(60);
        var client = await pair.Client.OpenStreamAsync(ct);
        var total = 4 * 1024 * 1024;
        var written = 0L;
        var writer = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            for (var sent = 0; sent < total; sent += chunk.Length)
            {
                await client.WriteAsync(chunk, ct);
                Interlocked.Add(ref written, chunk.Length);
            }

            await client.CloseWriteAsync();
        });

        var server = await pair.Server.AcceptStreamAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (server.BufferedBytes < YamuxOptions.SpecInitialWindow)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the receiver buffered only {server.BufferedBytes} bytes");
            await Task.Delay(10, ct);
        }

        // Nobody reads and the window is full: the writer has stalled at it, and the receiver holds at most one window.
        Assert.False(writer.IsCompleted);
        Assert.True(Interlocked.Read(ref written) <= YamuxOptions.SpecInitialWindow);
        Assert.True(server.BufferedBytes <= YamuxOptions.SpecInitialWindow);

        var buffer = new byte[4096];
        long read = 0;
        var maxBuffered = 0;
        while (true)
        {
            maxBuffered = Math.Max(maxBuffered, server.BufferedBytes);
            var n = await server.ReadAsync(buffer, ct);
            if (n == 0)
            {
                break;
            }

            read += n;
            if (read % (256 * 1024) < 4096)
            {
                await Task.Delay(1, ct);
            }
        }

        await writer;
        Assert.Equal(total, read);
        Assert.True(maxBuffered <= YamuxOptions.SpecInitialWindow, $"buffered {maxBuffered} bytes");
    }

    [Fact]
    public async Task Larger_configured_window_is_granted_and_honoured()
    {
        var big = new YamuxOptions { InitialWindow = 1024 * 1024 };
        await using var pair = await SessionPair.StartAsync(big, big);
        var ct = TestTimeout.Token(30);
        var client = await pair.Client.OpenStreamAsync(ct);
        var server = await pair.Server.AcceptStreamAsync(ct);
        var write = client.WriteAsync(new byte[3 * 1024 * 1024], ct).AsTask();
        var deadline = Stopwatch.StartNew();
        while (server.BufferedBytes <= YamuxOptions.SpecInitialWindow)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"only {server.BufferedBytes} bytes buffered within 10 s");
            await Task.Delay(20, ct);
        }

        Assert.False(write.IsCompleted);
        Assert.True(server.BufferedBytes <= 1024 * 1024, $"buffered {server.BufferedBytes}");
        var sink = new byte[3 * 1024 * 1024];
        await server.ReadExactlyAsync(sink, ct);
        await write;
    }

    [Fact]
    public async Task Inbound_streams_over_the_limit_are_reset()
    {
        await using var pair = await SessionPair.StartAsync(serverOptions: new YamuxOptions { MaxInboundStreams = 2 });
        var ct = TestTimeout.Token();
        var first = await pair.Client.OpenStreamAsync(ct);
        var second = await pair.Client.OpenStreamAsync(ct);
        var third = await pair.Client.OpenStreamAsync(ct);

        var error = await Assert.ThrowsAsync<IOException>(async () => _ = await third.ReadAsync(new byte[1], ct));
        Assert.Equal("stream reset by peer", error.Message);
        Assert.Equal(2, pair.Server.ActiveStreams);

        // Closing one makes room again.
        first.Reset();
        await WaitUntilAsync(() => pair.Server.ActiveStreams == 1, ct);
        var fourth = await pair.Client.OpenStreamAsync(ct);
        await fourth.WriteAsync(new byte[] { 4 }, ct);
        await pair.Server.AcceptStreamAsync(ct);
        await pair.Server.AcceptStreamAsync(ct);
        var accepted = await pair.Server.AcceptStreamAsync(ct);
        Assert.Equal(fourth.Id, accepted.Id);
        GC.KeepAlive(second);
    }

    [Fact]
    public async Task Outbound_stream_limit_fails_clearly()
    {
        await using var pair = await SessionPair.StartAsync(clientOptions: new YamuxOptions { MaxOutboundStreams = 1 });
        var ct = TestTimeout.Token();
        await pair.Client.OpenStreamAsync(ct);
        var error = await Assert.ThrowsAsync<YamuxException>(() => pair.Client.OpenStreamAsync(ct));
        Assert.Contains("outbound stream limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_backlog_makes_open_wait_until_the_peer_acknowledges()
    {
        await using var pair = await SessionPair.StartAsync(clientOptions: new YamuxOptions { AckBacklog = 3 });
        var ct = TestTimeout.Token();
        for (var i = 0; i < 3; i++)
        {
            await pair.Client.OpenStreamAsync(ct);
        }

        var fourth = pair.Client.OpenStreamAsync(ct);

        // The three opens have reached the server (frames flow), yet the fourth waits for an acknowledgement.
        var accepted = await pair.Server.AcceptStreamAsync(ct);
        await pair.Server.AcceptStreamAsync(ct);
        await pair.Server.AcceptStreamAsync(ct);
        Assert.False(fourth.IsCompleted);

        // The server acknowledges a stream with its first frame.
        await accepted.WriteAsync(new byte[] { 1 }, ct);
        var opened = await fourth.WaitAsync(ct);
        Assert.Equal(7u, opened.Id);

        using var cancelled = new CancellationTokenSource(100);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pair.Client.OpenStreamAsync(cancelled.Token));
    }

    [Fact]
    public async Task Session_end_fails_pending_operations_with_the_reason()
    {
        var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var client = await pair.Client.OpenStreamAsync(ct);
        var pendingRead = client.ReadAsync(new byte[1], ct).AsTask();
        var pendingAccept = pair.Client.AcceptStreamAsync(ct);
        await pair.Server.DisposeAsync();

        await pair.Client.Completion.WaitAsync(ct);
        Assert.NotNull(pair.Client.CloseReason);
        // The disposing side may reset its streams before the session's end reaches the client: either fails the read.
        await Assert.ThrowsAnyAsync<IOException>(() => pendingRead);
        await Assert.ThrowsAsync<YamuxException>(() => pendingAccept);
        await Assert.ThrowsAsync<YamuxException>(() => pair.Client.OpenStreamAsync(ct));
        await pair.Client.DisposeAsync();
    }

    internal static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken ct)
    {
        using var sink = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await stream.ReadAsync(buffer, ct)) > 0)
        {
            sink.Write(buffer, 0, n);
        }

        return sink.ToArray();
    }

    internal static async Task<byte[]> ReadSomeAsync(Stream stream, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, ct);
        return buffer;
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(10, ct);
        }
    }
}
