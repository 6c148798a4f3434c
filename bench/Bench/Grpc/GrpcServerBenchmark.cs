using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rapport.Bench.Grpc.Protos;

namespace Rapport.Bench.Grpc;

/// <summary>
/// grpc-server, issue 10's comparison: this build's gRPC server against a bare Kestrel HTTP/2 endpoint (the ceiling:
/// the same echo answered by a request delegate that frames the protobuf and writes the grpc-status trailer itself).
/// `echo` is a unary call of a contact-sized message with no work; `get-contact` is the partner API's consent-checked,
/// audited GetContact. One client (HttpClient, HTTP/2) drives all three at 1, 16 and 64 concurrent calls, interleaved
/// per round. Run the same command on the build before a change and after it, alternately, for the same-run ratio.
/// </summary>
public sealed class GrpcServerBenchmark : IBenchmark
{
    public string Name => "grpc-server";

    public string Description => $"bare Kestrel echo vs {BenchGrpcServers.Label} echo vs audited GetContact at 1/16/64 concurrent calls (target echo >= 80 % of Kestrel); args: [--seconds 3] [--rounds 2]";

    public async Task RunAsync(string[] args)
    {
        var seconds = GrpcVersusJson.ReadOption(args, "--seconds", 3);
        var rounds = GrpcVersusJson.ReadOption(args, "--rounds", 2);
        await using var bench = await PartnerApiBenchNode.CreateAsync().ConfigureAwait(false);
        var (kestrel, kestrelAddress) = await Http2Calls.StartJsonServerAsync(BareEchoAsync).ConfigureAwait(false);
        await using var _ = kestrel;
        await using var servers = await BenchGrpcServers.StartAsync(bench).ConfigureAwait(false);

        using var client = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        var endpoints = new (string Name, Func<Task> Call)[]
        {
            ("kestrel", () => Http2Calls.EchoAsync(client, new Uri(kestrelAddress, "/rapport.bench.v1.BenchContacts/GetContact"))),
            ("echo", () => Http2Calls.EchoAsync(client, new Uri(servers.Echo, "/rapport.bench.v1.BenchContacts/GetContact"))),
            ("get-contact", () => Http2Calls.GetContactAsync(client, new Uri(servers.PartnerApi, "/rapport.v1.ContactsService/GetContact"), bench.Key, bench.ContactName)),
        };

        Console.WriteLine($"server under test: {BenchGrpcServers.Label}");
        await LatencyRecorder.InterleaveAsync(endpoints, seconds, rounds, (concurrency, results) =>
        {
            var ceiling = GrpcVersusJson.Rate(results, "kestrel");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{concurrency,11} echo {GrpcVersusJson.Rate(results, "echo") / ceiling:P1} of bare Kestrel, get-contact {GrpcVersusJson.Rate(results, "get-contact") / ceiling:P1}"));
        }).ConfigureAwait(false);
    }

    /// <summary>The ceiling: what any gRPC server must at least do for this call, and nothing more.</summary>
    private static async Task BareEchoAsync(HttpContext context)
    {
        var body = await context.Request.BodyReader.ReadAtLeastAsync(int.MaxValue).ConfigureAwait(false);
        var request = GetContactRequest.Parser.ParseFrom(body.Buffer.Slice(5));
        context.Request.BodyReader.AdvanceTo(body.Buffer.End);
        var reply = ContactHandler.Get(request.ContactId, request.IncludeConsents);
        context.Response.ContentType = "application/grpc";
        var size = reply.CalculateSize();
        var frame = context.Response.BodyWriter.GetMemory(5 + size);
        frame.Span[0] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.Span[1..], (uint)size);
        Google.Protobuf.MessageExtensions.WriteTo(reply, frame.Span.Slice(5, size));
        context.Response.BodyWriter.Advance(5 + size);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
