using System.Diagnostics;
using System.Security.Cryptography;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Security;
using Rapport.Libp2p.Security.Crypto;

namespace Rapport.Bench.Libp2p;

/// <summary>
/// Single-thread cost of the operations a Noise XX handshake performs. Per side: 1 X25519 key generation, 3
/// agreements, 1 Ed25519 verify (the static key and its signature are made once per identity), 5 HKDFs and a few
/// ChaCha20-Poly1305 calls on small buffers.
/// </summary>
public sealed class NoisePrimitivesBenchmark : IBenchmark
{
    public string Name => "noise-primitives";
    public string Description => "µs per X25519 key generation/agreement and Ed25519 verify (NSec, OpenSSL and BouncyCastle), HKDF, ChaCha20Poly1305; one thread";

    private readonly List<(string Name, Action Action)> _operations = [];

    public Task RunAsync(string[] args)
    {
        Console.WriteLine($"in use: X25519 = {X25519Implementations.Default.Name}, Ed25519 verify = {Ed25519Verifiers.Default.Name}");
        var implementations = new List<(IX25519 X, IEd25519Verifier Ed)>
        {
            (NSecX25519.Instance, NSecEd25519Verifier.Instance),
            (BouncyCastleX25519.Instance, BouncyCastleEd25519Verifier.Instance),
        };
        if (LibCryptoLoader.IsAvailable)
        {
            implementations.Insert(1, (OpenSslX25519.Instance, OpenSslEd25519Verifier.Instance));
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

        Report("NSec 26.4.0: Ed25519 sign (once per identity)", () => pair.Sign(message));
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
        var initiatorStatic = X25519Implementations.Default.Generate();
        var responderStatic = X25519Implementations.Default.Generate();
        var payload = new byte[140]; // about the size of a libp2p identity payload
        Report($"XX handshake, both sides, in memory ({X25519Implementations.Default.Name}, no verify)", () =>
        {
            using var i = new XxHandshakeState(true, initiatorStatic, []);
            using var r = new XxHandshakeState(false, responderStatic, []);
            r.ReadMessage1(i.WriteMessage1([]));
            i.ReadMessage2(r.WriteMessage2(payload)!);
            r.ReadMessage3(i.WriteMessage3(payload)!);
            var (a, b) = i.Split();
            var (c, d) = r.Split();
            a.Dispose();
            b.Dispose();
            c.Dispose();
            d.Dispose();
        });
        MeasureInterleaved();
        return Task.CompletedTask;
    }

    private void Report(string name, Action action) => _operations.Add((name, action));

    /// <summary>
    /// Runs 30 rounds; each round times a batch of 100 calls of every operation in turn, so all operations see the
    /// same machine load. Reports the median over batches of the process CPU time per call (this benchmark runs on one
    /// thread, and CPU time does not count the time other tenants of a shared machine hold the core) and, for
    /// reference, the fastest wall-clock batch.
    /// </summary>
    private void MeasureInterleaved()
    {
        const int rounds = 30;
        const int n = 100;
        var wall = new double[_operations.Count][];
        var cpu = new double[_operations.Count][];
        for (var op = 0; op < _operations.Count; op++)
        {
            wall[op] = new double[rounds];
            cpu[op] = new double[rounds];
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
                var cpuStart = Environment.CpuUsage.TotalTime;
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < n; i++)
                {
                    action();
                }

                wall[op][round] = sw.Elapsed.TotalMicroseconds / n;
                cpu[op][round] = (Environment.CpuUsage.TotalTime - cpuStart).TotalMicroseconds / n;
            }
        }

        Console.WriteLine($"{"operation",-72} {"CPU µs (median)",16} {"wall µs (fastest)",18}");
        for (var op = 0; op < _operations.Count; op++)
        {
            Array.Sort(wall[op]);
            Array.Sort(cpu[op]);
            Console.WriteLine($"{_operations[op].Name,-72} {cpu[op][rounds / 2],16:F1} {wall[op][0],18:F1}");
        }
    }
}
