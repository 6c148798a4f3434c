using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Application.Audit;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Audit;
using Rapport.Domain.Policy;

namespace Rapport.Bench.Grpc;

/// <summary>
/// grpc-gate, issue 24's comparison in one run: a unary echo on our gRPC server; the partner API's consent-checked
/// GetContact (API key, scope, rate, gate, audited decision and call, SQLite); and the same GetContact with auditing
/// switched off (a journal that drops what it is given — a switch for this benchmark only, never wired in a node).
/// At 1, 16 and 64 concurrent calls, the three interleaved per round.
/// </summary>
public sealed class GrpcGateBenchmark : IBenchmark
{
    public string Name => "grpc-gate";

    public string Description => "unary echo vs audited GetContact vs GetContact with audit off, at 1/16/64 concurrent calls (target audited >= 30 % of echo at 64, p99 <= 10 ms); args: [--seconds 3] [--rounds 2]";

    public async Task RunAsync(string[] args)
    {
        var seconds = GrpcVersusJson.ReadOption(args, "--seconds", 3);
        var rounds = GrpcVersusJson.ReadOption(args, "--rounds", 2);
        // Two nodes alike, each in its own data dir: one audits as every node does, the other drops its audit.
        await using var bench = await PartnerApiBenchNode.CreateAsync().ConfigureAwait(false);
        await using var unaudited = await PartnerApiBenchNode.CreateAsync().ConfigureAwait(false);
        var dropping = new DroppingJournal();
        var (echo, echoAddress) = await BenchGrpcServers.StartEchoAsync().ConfigureAwait(false);
        await using var echoServer = echo;
        var auditedServer = await bench.ServeAsync().ConfigureAwait(false);
        var unauditedServer = await unaudited.ServeAsync(services => services
            .AddSingleton<IAuditJournal>(dropping)
            .AddSingleton(new ConsentGate(PolicyMatrix.Default, dropping))).ConfigureAwait(false);

        using var client = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        var endpoints = new (string Name, Func<Task> Call)[]
        {
            ("echo", () => Http2Calls.EchoAsync(client, new Uri(echoAddress, "/rapport.bench.v1.BenchContacts/GetContact"))),
            ("audited", () => Http2Calls.GetContactAsync(client, new Uri(auditedServer.PartnerApi!, "/rapport.v1.ContactsService/GetContact"), bench.Key, bench.ContactName)),
            ("audit-off", () => Http2Calls.GetContactAsync(client, new Uri(unauditedServer.PartnerApi!, "/rapport.v1.ContactsService/GetContact"), unaudited.Key, unaudited.ContactName)),
        };

        await LatencyRecorder.InterleaveAsync(endpoints, seconds, rounds, (concurrency, results) =>
        {
            var echoRate = GrpcVersusJson.Rate(results, "echo");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{concurrency,11} audited {GrpcVersusJson.Rate(results, "audited") / echoRate:P1} of echo, audit off {GrpcVersusJson.Rate(results, "audit-off") / echoRate:P1} of echo"));
        }).ConfigureAwait(false);
    }

    /// <summary>Audit switched off, for this benchmark only: what the audit costs is the difference to the audited run.</summary>
    private sealed class DroppingJournal : IAuditJournal
    {
        public Task RecordAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
