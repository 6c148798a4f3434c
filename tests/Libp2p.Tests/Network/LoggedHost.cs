using System.Collections.Concurrent;
using System.Diagnostics;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;
using Rapport.Tests.Shared;

namespace Rapport.Libp2p.Tests.Network;

/// <summary>A real <see cref="Libp2pHost"/> on 127.0.0.1:0 whose log lines the test can inspect.</summary>
internal sealed class LoggedHost : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();

    private LoggedHost(Libp2pOptions? options)
    {
        Host = new Libp2pHost(NodeIdentity.Generate(), options ?? new Libp2pOptions(), new LineLogger<Libp2pHost>(_log.Enqueue));
    }

    public Libp2pHost Host { get; }

    public Multiaddr Address => Host.ListenAddresses[0];

    public IReadOnlyCollection<string> Log => _log.ToArray();

    public static async Task<LoggedHost> ListenAsync(Libp2pOptions? options = null)
    {
        var host = new LoggedHost(options);
        var listening = await host.Host.ListenAsync([Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value]);
        Assert.True(listening.IsSuccess);
        return host;
    }

    public static LoggedHost Dialer(Libp2pOptions? options = null) => new(options);

    public async Task WaitForLogAsync(Func<string, bool> match, int seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!_log.Any(match))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), "expected log line never came; log: " + string.Join(" | ", _log));
            await Task.Delay(20);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, int seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), $"condition not met within {seconds} s");
            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
