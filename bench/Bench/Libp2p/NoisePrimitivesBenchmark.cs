using System.Diagnostics;
using System.Security.Cryptography;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Libp2p.Security.Crypto;

namespace Rapport.Bench.Libp2p;

/// <summary>
/// Single-thread cost of the operations a Noise XX handshake performs. Per side: 1 X25519 key generation, 3
/// agreements, 1 Ed25519 verify (the static key and its signature are made once per identity), 5 HKDFs and a few
/// ChaCha20-Poly1305 calls on small buffers.
/// </summary>
public sealed class NoisePrimitivesBenchmark : IBenchmark
{
    public string Name => "noise-primitives";
    public string Description => "µs per X25519 key generation/agreement and Ed25519 verify (OpenSSL and BouncyCastle), HKDF, ChaCha20Poly1305; one thread";

    private readonly List<(string Name, Action Action)> _operations = [];

    public Task RunAsync(string[] args)
    {
        Console.WriteLine($"in use: X25519 = {X25519Implementations.Default.Name}, Ed25519 verify = {Ed25519Verifiers.Default.Name}");
        var implementations = new List<(IX25519 X, IEd25519Verifier Ed)> { (BouncyCastleX25519.Instance, BouncyCastleEd25519Verifier.Instance) };
        if (LibCryptoLoader.IsAvailable)
        {
            implementations.Insert(0, (OpenSslX25519.Instance, OpenSslEd25519Verifier.Instance));
        }

        var pair = Ed25519KeyPair.Generate();
        var message = new byte[56];
        var signature = pair.Sign(message);
        foreach (var (x, ed) in implementations)
        {
            var local = x.Generate();
            var peer = x.Generate();
            var shared = new byte[32];
            var peerPublic = peer.PublicKey.ToArray();
            // The keys outlive this loop iteration through the closures; they are small and the process ends after.
            Report($"{x.Name}: X25519 key generation", () => x.Generate().Dispose());
            Report($"{x.Name}: X25519 agreement", () => local.TryAgree(peerPublic, shared));
            Report($"{ed.Name}: Ed25519 verify", () => ed.Verify(pair.PublicKey, message, signature));
        }

        Report("BouncyCastle 1.8.10: Ed25519 sign (once per identity)", () => pair.Sign(message));
        var ck = new byte[32];
        var ikm = new byte[32];
        var okm = new byte[64];
        Report(".NET: HKDF-SHA256 (3 HMACs, Noise §4.3)", () =>
        {
            HMACSHA256.HashData(ck, ikm, okm.AsSpan(0, 32));
            HMACSHA256.HashData(okm.AsSpan(0, 32), [1], okm.AsSpan(32, 32));
            HMACSHA256.HashData(okm.AsSpan(0, 32), okm.AsSpan(0, 33), okm.AsSpan(32, 32));
        });
        var plaintext = new byte[200];
        var ciphertext = new byte[216];
        var nonce = new byte[12];
        Report(".NET: new ChaCha20Poly1305 + seal 200 B", () =>
        {
            using var aead = new ChaCha20Poly1305(ck);
            aead.Encrypt(nonce, plaintext, ciphertext.AsSpan(0, 200), ciphertext.AsSpan(200), ck);
        });
        MeasureInterleaved();
        return Task.CompletedTask;
    }

    private void Report(string name, Action action) => _operations.Add((name, action));

    /// <summary>
    /// Runs 30 rounds; each round times a batch of 100 calls of every operation in turn, so all operations see the
    /// same machine load. Prints the fastest and the median batch: on a shared machine the fastest batch is the one
    /// least disturbed by other processes, the best estimate of the CPU cost itself.
    /// </summary>
    private void MeasureInterleaved()
    {
        const int rounds = 30;
        const int n = 100;
        var perCall = new double[_operations.Count][];
        for (var op = 0; op < _operations.Count; op++)
        {
            perCall[op] = new double[rounds];
            for (var i = 0; i < 200; i++)
            {
                _operations[op].Action();
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var op = 0; op < _operations.Count; op++)
            {
                var action = _operations[op].Action;
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < n; i++)
                {
                    action();
                }

                perCall[op][round] = sw.Elapsed.TotalMicroseconds / n;
            }
        }

        Console.WriteLine($"{"operation",-56} {"fastest µs",10} {"median µs",10}");
        for (var op = 0; op < _operations.Count; op++)
        {
            Array.Sort(perCall[op]);
            Console.WriteLine($"{_operations[op].Name,-56} {perCall[op][0],10:F1} {perCall[op][rounds / 2],10:F1}");
        }
    }
}
