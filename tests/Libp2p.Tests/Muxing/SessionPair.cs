using System.Collections.Concurrent;
using Rapport.Libp2p.Muxing;

namespace Rapport.Libp2p.Tests.Muxing;

/// <summary>Two started yamux sessions talking over a real loopback TCP connection.</summary>
internal sealed class SessionPair : IAsyncDisposable
{
    private SessionPair(YamuxSession client, YamuxSession server, ConcurrentQueue<string> log)
    {
        Client = client;
        Server = server;
        Log = log;
    }

    public YamuxSession Client { get; }

    public YamuxSession Server { get; }

    public ConcurrentQueue<string> Log { get; }

    public static async Task<SessionPair> StartAsync(YamuxOptions? clientOptions = null, YamuxOptions? serverOptions = null)
    {
        var (c, s) = await LoopbackTcp.ConnectAsync();
        var log = new ConcurrentQueue<string>();
        var client = new YamuxSession(c, isInitiator: true, clientOptions, m => log.Enqueue("client " + m));
        var server = new YamuxSession(s, isInitiator: false, serverOptions, m => log.Enqueue("server " + m));
        client.Start();
        server.Start();
        return new SessionPair(client, server, log);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
