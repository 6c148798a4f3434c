using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Libp2p.Addressing;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Refusals;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;
using Rapport.Host.Composition;

namespace Rapport.Bench.Sharing;

/// <summary>
/// Revocation delivery on a connected pair (issue target: under 1 s): the customer signs the next grant version,
/// commits it, pushes it on <c>/rapport/consent/1.0.0</c>; the business verifies, stores, audits, commits and answers
/// with a signed receipt, which the customer verifies and stores. Two real nodes in-process over loopback TCP
/// (Noise + Yamux), each with its own SQLite file.
/// </summary>
public sealed class ConsentRevocationBenchmark : IBenchmark
{
    public string Name => "consent-revocation";
    public string Description => "revocation push latency (sign, store, deliver, verify, store, receipt) on a connected loopback pair; args: [rounds=200]";

    public async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var directory = Path.Combine(Path.GetTempPath(), "rapport-bench-consent-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var business = await Node.StartAsync(Path.Combine(directory, "business.db")).ConfigureAwait(false);
            await using var customer = await Node.StartAsync(Path.Combine(directory, "customer.db")).ConfigureAwait(false);
            if ((await business.Host.ConnectAsync(customer.Address).ConfigureAwait(false)).IsFailure)
            {
                throw new InvalidOperationException("the business could not connect to the customer");
            }

            var latencies = new List<double>(rounds);
            for (var i = 0; i < rounds + 10; i++)
            {
                var request = await business.Request.ExecuteAsync(new RequestSharingCommand(
                    customer.PeerId,
                    new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["phone"] = AccessLevel.Edit },
                    ["analytics", "marketing"], TimeSpan.FromDays(30), "benchmark", "bench")).ConfigureAwait(false);
                var granted = await customer.Accept.ExecuteAsync(new AcceptRequestCommand(
                    request.Value.Id, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View }, ["analytics"], "bench")).ConfigureAwait(false);
                if (!granted.Value.Delivered)
                {
                    throw new InvalidOperationException($"grant not delivered: {granted.Value.DeliveryError}");
                }

                var started = Stopwatch.GetTimestamp();
                var revoked = await customer.Revoke.ExecuteAsync(new RevokeGrantCommand(business.PeerId, "bench")).ConfigureAwait(false);
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
            Console.WriteLine($"consent-revocation: {rounds} revocations on a connected pair");
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
                // Best effort cleanup of the benchmark's temporary databases.
            }
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed class Node : IAsyncDisposable
    {
        private Node(Libp2pHost host, SqliteUnitOfWorkFactory store, Multiaddr address, NodeIdentity identity)
        {
            Host = host;
            Address = address;
            var signer = new Ed25519GrantSigner(identity);
            var channel = new Libp2pConsentChannel(host);
            var clock = new SystemClock();
            PeerId = signer.LocalPeerId;
            Request = new RequestSharing(store, channel, signer, clock, new TimeOrderedIds());
            var nodeClock = new NodeClock(store, signer, clock);
            var changes = new SharedRecordChanges();
            Accept = new AcceptRequest(store, signer, channel, clock, nodeClock, changes);
            Revoke = new RevokeGrant(store, signer, channel, clock, nodeClock, changes);
            new ConsentProtocol(
                new ReceiveRequest(store, signer, clock), new ReceiveGrant(store, signer, clock, nodeClock, changes), new ReceiveDecline(store, clock),
                new RecordProtocolRefusal(store, clock)).Register(host);
        }

        public Libp2pHost Host { get; }
        public Multiaddr Address { get; }
        public string PeerId { get; }
        public RequestSharing Request { get; }
        public AcceptRequest Accept { get; }
        public RevokeGrant Revoke { get; }

        public static async Task<Node> StartAsync(string databasePath)
        {
            var database = await SqliteDatabase.OpenAsync(databasePath, create: true).ConfigureAwait(false);
            var identity = NodeIdentity.Generate();
            var host = new Libp2pHost(identity);
            var listening = await host.ListenAsync([Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value]).ConfigureAwait(false);
            return new Node(host, new SqliteUnitOfWorkFactory(database), listening.Value[0].With(identity.PeerId), identity);
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
