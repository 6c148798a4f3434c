using System.Collections.Concurrent;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;
using Rapport.Tests.Shared;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>An in-process <see cref="Libp2pHost"/> on 127.0.0.1:0 serving the echo and sink test protocols.</summary>
public sealed class CSharpHost : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentQueue<(string Protocol, string Outcome)> _served = new();
    private readonly TaskCompletionSource _sinkReceiving = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CSharpHost(Libp2pHost host) => Host = host;

    public Libp2pHost Host { get; }

    public string Addr => Host.ListenAddresses[0].ToString();

    public IReadOnlyCollection<string> Log => _log.ToArray();

    /// <summary>How each inbound echo/sink stream ended ("closed" or "error: …").</summary>
    public IReadOnlyCollection<(string Protocol, string Outcome)> Served => _served.ToArray();

    public static async Task<CSharpHost> StartAsync(Libp2pOptions? options = null)
    {
        CSharpHost? self = null;
        var host = new Libp2pHost(NodeIdentity.Generate(), options ?? new Libp2pOptions(), new LineLogger<Libp2pHost>(m => self?._log.Enqueue(m)));
        self = new CSharpHost(host);
        host.Protocols.Register(JsLibp2pPeer.EchoProtocol, TestProtocols.Echo(o => self._served.Enqueue((JsLibp2pPeer.EchoProtocol, o))));
        host.Protocols.Register(JsLibp2pPeer.SinkProtocol, TestProtocols.Sink(
            o => self._served.Enqueue((JsLibp2pPeer.SinkProtocol, o)),
            () => self._sinkReceiving.TrySetResult()));
        var listening = await host.ListenAsync([Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value]);
        Assert.True(listening.IsSuccess, listening.IsFailure ? listening.Error.Message : null);
        return self;
    }

    public async Task<(string Protocol, string Outcome)> WaitForServedAsync(Func<(string Protocol, string Outcome), bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var served in _served)
            {
                if (match(served))
                {
                    return served;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no matching served stream within {timeout}; served: {string.Join(", ", Served)}; log: {string.Join(" | ", Log)}");
    }

    /// <summary>Completes once a sink stream has received its first bytes, i.e. a transfer into the sink is under way.</summary>
    public async Task WaitForSinkReceivingAsync(TimeSpan timeout)
    {
        try
        {
            await _sinkReceiving.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no sink stream received bytes within {timeout}; served: {string.Join(", ", Served)}; log: {string.Join(" | ", Log)}");
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
