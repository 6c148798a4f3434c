// A minimal libp2p node: `libp2p-ping listen` prints the address it listens on and answers pings until Ctrl+C;
// `libp2p-ping ping <multiaddr> [count]` dials that address (any libp2p node speaking TCP, Noise and yamux:
// go-libp2p, js-libp2p, rust-libp2p, this library) and pings it.
using System.Globalization;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;

switch (args)
{
    case ["listen", ..]:
        return await ListenAsync(args.Length > 1 ? args[1] : "/ip4/127.0.0.1/tcp/0");
    case ["ping", var address, ..]:
        return await PingAsync(address, args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 3);
    default:
        Console.Error.WriteLine("usage: libp2p-ping listen [multiaddr] | libp2p-ping ping <multiaddr>/p2p/<peer id> [count]");
        return 2;
}

static async Task<int> ListenAsync(string at)
{
    var address = Multiaddr.Parse(at);
    if (address.IsFailure)
    {
        Console.Error.WriteLine($"{at}: {address.Error.Message}");
        return 2;
    }

    // A fresh Ed25519 identity; the host serves /ipfs/ping/1.0.0 and /ipfs/id/1.0.0 by itself.
    await using var host = new Libp2pHost(NodeIdentity.Generate());
    var listening = await host.ListenAsync([address.Value]);
    if (listening.IsFailure)
    {
        Console.Error.WriteLine(listening.Error.Message);
        return 1;
    }

    foreach (var listen in listening.Value)
    {
        Console.WriteLine($"listening on {listen}");
    }

    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => (e.Cancel, _) = (true, stop.CancelAsync());
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }

    return 0;
}

static async Task<int> PingAsync(string to, int count)
{
    var address = Multiaddr.Parse(to);
    if (address.IsFailure || address.Value.PeerId is null)
    {
        Console.Error.WriteLine($"{to}: a multiaddr ending in /p2p/<peer id> is required{(address.IsFailure ? ": " + address.Error.Message : "")}");
        return 2;
    }

    await using var host = new Libp2pHost(NodeIdentity.Generate());
    for (var i = 0; i < count; i++)
    {
        var rtt = await host.PingAsync(address.Value);
        if (rtt.IsFailure)
        {
            Console.Error.WriteLine($"ping failed: {rtt.Error}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pong from {address.Value.PeerId} in {rtt.Value.TotalMilliseconds:0.###} ms"));
    }

    return 0;
}
