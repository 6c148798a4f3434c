using System.Diagnostics;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Rapport.Adapters.Libp2p.Identity;

namespace Rapport.Bench.Libp2p;

/// <summary>Single-thread cost of the public-key operations a Noise handshake performs (8 X25519, 2 Ed25519 verifies per handshake pair).</summary>
public sealed class NoisePrimitivesBenchmark : IBenchmark
{
    public string Name => "noise-primitives";
    public string Description => "µs per X25519 agreement, X25519 key generation, Ed25519 sign and verify (BouncyCastle), one thread";

    public Task RunAsync(string[] args)
    {
        var a = new byte[32];
        var b = new byte[32];
        var shared = new byte[32];
        Random.Shared.NextBytes(a);
        Random.Shared.NextBytes(b);
        var pub = new byte[32];
        X25519.GeneratePublicKey(b, 0, pub, 0);
        var pair = Ed25519KeyPair.Generate();
        var message = new byte[56];
        var signature = pair.Sign(message);

        Report("X25519 agreement", () => X25519.CalculateAgreement(a, 0, pub, 0, shared, 0));
        Report("X25519 public key from private", () => X25519.GeneratePublicKey(a, 0, shared, 0));
        Report("Ed25519 sign", () => pair.Sign(message));
        Report("Ed25519 verify", () => Ed25519KeyPair.Verify(pair.PublicKey, message, signature));
        return Task.CompletedTask;
    }

    private static void Report(string name, Action action)
    {
        for (var i = 0; i < 200; i++)
        {
            action();
        }

        const int n = 2000;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            action();
        }

        Console.WriteLine($"{name,-34} {sw.Elapsed.TotalMicroseconds / n,8:F1} µs");
    }
}
