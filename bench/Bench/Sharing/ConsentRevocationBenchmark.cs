using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Consent;
using Rapport.Host.Composition;
using Rapport.Host.Daemon;
using Rapport.Host.Hosting;
using Rapport.Libp2p.Addressing;

namespace Rapport.Bench.Sharing;

/// <summary>
/// Revocation delivery on a connected pair (issue target: under 1 s): the customer signs the next grant version,
/// commits it, pushes it on <c>/rapport/consent/1.0.0</c>; the business verifies, stores, audits, commits and answers
/// with a signed receipt, which the customer verifies and stores. Two real nodes in-process over loopback TCP (Noise +
/// Yamux), each its own data dir and started exactly as `rapport run` starts one (<see cref="RunningNode"/>): the sync,
/// re-dial and expiry work a real node does runs alongside.
/// </summary>
public sealed class ConsentRevocationBenchmark : IBenchmark
{
    public string Name => "consent-revocation";
    public string Description => "revocation push latency (sign, store, deliver, verify, store, receipt) on a connected loopback pair of real nodes; args: [rounds=200]";

    public async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var directory = Path.Combine(Path.GetTempPath(), "rb-consent-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var business = await StartAsync(Path.Combine(directory, "business")).ConfigureAwait(false);
            await using var customer = await StartAsync(Path.Combine(directory, "customer")).ConfigureAwait(false);
            var customerPeer = customer.PeerId.ToString();
            var businessPeer = business.PeerId.ToString();
            if ((await business.Get<PeerConnector>().ConnectAsync(customer.Addresses[0], CancellationToken.None).ConfigureAwait(false)).IsFailure)
            {
                throw new InvalidOperationException("the business could not connect to the customer");
            }

            var latencies = new List<double>(rounds);
            for (var i = 0; i < rounds + 10; i++)
            {
                var request = await business.Get<RequestSharing>().ExecuteAsync(new RequestSharingCommand(
                    customerPeer,
                    new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["phone"] = AccessLevel.Edit },
                    ["analytics", "marketing"], TimeSpan.FromDays(30), "benchmark", "bench")).ConfigureAwait(false);
                var granted = await customer.Get<AcceptRequest>().ExecuteAsync(new AcceptRequestCommand(
                    request.Value.Id, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View }, ["analytics"], "bench")).ConfigureAwait(false);
                if (!granted.Value.Delivered)
                {
                    throw new InvalidOperationException($"grant not delivered: {granted.Value.DeliveryError}");
                }

                var started = Stopwatch.GetTimestamp();
                var revoked = await customer.Get<RevokeGrant>().ExecuteAsync(new RevokeGrantCommand(businessPeer, "bench")).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (revoked.IsFailure || !revoked.Value.Delivered)
                {
                    throw new InvalidOperationException($"revocation not delivered: {(revoked.IsFailure ? revoked.Error : revoked.Value.DeliveryError)}");
                }

                if (i >= 10)
                {
                    latencies.Add(elapsed.TotalMilliseconds);
                }
            }

            latencies.Sort();
            Console.WriteLine($"consent-revocation: {rounds} revocations on a connected pair of real nodes");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  p50 {Percentile(latencies, 0.50):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms (target < 1000 ms)"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort cleanup of the benchmark's temporary data dirs.
            }
        }
    }

    /// <summary>A fresh node in <paramref name="root"/>, started as `rapport run` starts one, on loopback, its log discarded.</summary>
    private static async Task<RunningNode> StartAsync(string root)
    {
        var data = new DataDirectory(root);
        var laid = await NewNode.CreateAsync(data).ConfigureAwait(false);
        if (laid.IsFailure)
        {
            throw new InvalidOperationException($"cannot lay out a node in {root}: {laid.Error.Message}");
        }

        var started = await RunningNode.StartAsync(data, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value], _ => { }, CancellationToken.None).ConfigureAwait(false);
        return started.IsSuccess ? started.Value : throw new InvalidOperationException($"the node in {root} did not start: {started.Error.Message}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
