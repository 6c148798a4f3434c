using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Rapport.Bench.Grpc;

/// <summary>
/// grpc-unary: the same contact lookup served by Grpc.AspNetCore and by a plain Kestrel HTTP/2 JSON endpoint,
/// each driven by 64 concurrent HTTP/2 calls on loopback from HttpClient, in one run.
/// </summary>
public sealed class GrpcUnaryBenchmark : IBenchmark
{
    public string Name => "grpc-unary";

    public string Description => "unary gRPC (protobuf) vs plain Kestrel HTTP/2 JSON, same handler, 64 concurrent calls; req/s, p50, p99";

    public async Task RunAsync(string[] args)
    {
        var seconds = GrpcVersusJson.ReadOption(args, "--seconds", 5);
        var concurrency = GrpcVersusJson.ReadOption(args, "--concurrency", 64);
        var rounds = GrpcVersusJson.ReadOption(args, "--rounds", 2);

        var (grpc, grpcAddress) = await BenchGrpcServers.StartEchoAsync().ConfigureAwait(false);
        await using var grpcServer = grpc;
        var (json, jsonAddress) = await StartJsonServerAsync().ConfigureAwait(false);
        await using var jsonServer = json;

        using var client = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        var grpcUri = new Uri(grpcAddress, "/rapport.bench.v1.BenchContacts/GetContact");
        var jsonUri = new Uri(jsonAddress, "/contacts/get");
        Func<Task> grpcCall = () => Http2Calls.EchoAsync(client, grpcUri);
        Func<Task> jsonCall = () => JsonCallAsync(client, jsonUri);

        await GrpcVersusJson.CompareAsync(grpcCall, jsonCall, concurrency, seconds, rounds, 2).ConfigureAwait(false);
    }

    private static async Task JsonCallAsync(HttpClient client, Uri uri)
    {
        var contact = await Http2Calls.PostJsonAsync<JsonGetContactRequest, JsonContact>(client, uri, new JsonGetContactRequest("c-0001", true)).ConfigureAwait(false);
        if (contact?.ContactId != "c-0001")
        {
            throw new InvalidOperationException("wrong contact");
        }
    }

    private static Task<(WebApplication App, Uri Address)> StartJsonServerAsync() =>
        Http2Calls.StartJsonServerAsync(async context =>
        {
            var request = await context.Request.ReadFromJsonAsync<JsonGetContactRequest>().ConfigureAwait(false);
            if (request is null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            await context.Response.WriteAsJsonAsync(JsonContact.From(ContactHandler.Get(request.ContactId, request.IncludeConsents))).ConfigureAwait(false);
        });
}
