using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Bench.Grpc.Protos;

namespace Rapport.Bench.Grpc;

/// <summary>
/// grpc-unary: the same contact lookup served by our gRPC layer and by a plain Kestrel HTTP/2 JSON endpoint,
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

        var service = GrpcServiceBuilder.ForService(BenchContactsReflection.Descriptor, "BenchContacts")
            .Unary<GetContactRequest, Contact>("GetContact", (request, _) => Task.FromResult(ContactHandler.Get(request.ContactId, request.IncludeConsents)))
            .Build();
        await using var grpc = await GrpcServer.StartAsync(new GrpcServerOptions { Endpoint = "127.0.0.1:0" }, [service]).ConfigureAwait(false);
        await using var json = await StartJsonServerAsync().ConfigureAwait(false);
        var jsonAddress = new Uri(json.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var client = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        var grpcUri = new Uri(grpc.Address, "/rapport.bench.v1.BenchContacts/GetContact");
        var jsonUri = new Uri(jsonAddress, "/contacts/get");
        Func<Task> grpcCall = () => GrpcCallAsync(client, grpcUri);
        Func<Task> jsonCall = () => JsonCallAsync(client, jsonUri);

        await GrpcVersusJson.CompareAsync(grpcCall, jsonCall, concurrency, seconds, rounds, 2).ConfigureAwait(false);
    }

    private static async Task GrpcCallAsync(HttpClient client, Uri uri)
    {
        var request = new GetContactRequest { ContactId = "c-0001", IncludeConsents = true };
        var size = request.CalculateSize();
        var body = new byte[5 + size];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)size);
        request.WriteTo(body.AsSpan(5));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = GrpcContentType;
        using var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        message.Headers.TE.Add(Trailers);
        using var response = await client.SendAsync(message).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!response.TrailingHeaders.TryGetValues("grpc-status", out var status) || status.First() != "0" || bytes.Length < 5)
        {
            throw new InvalidOperationException("gRPC call failed");
        }

        var contact = Contact.Parser.ParseFrom(bytes.AsSpan(5));
        if (contact.ContactId != request.ContactId)
        {
            throw new InvalidOperationException("wrong contact");
        }
    }

    private static async Task JsonCallAsync(HttpClient client, Uri uri)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = JsonContent.Create(new JsonGetContactRequest("c-0001", true)),
        };
        using var response = await client.SendAsync(message).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var contact = await response.Content.ReadFromJsonAsync<JsonContact>().ConfigureAwait(false);
        if (contact?.ContactId != "c-0001")
        {
            throw new InvalidOperationException("wrong contact");
        }
    }

    private static async Task<WebApplication> StartJsonServerAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.Http2.MaxStreamsPerConnection = 256;
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            var request = await context.Request.ReadFromJsonAsync<JsonGetContactRequest>().ConfigureAwait(false);
            if (request is null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            await context.Response.WriteAsJsonAsync(JsonContact.From(ContactHandler.Get(request.ContactId, request.IncludeConsents))).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }

    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");
    private static readonly TransferCodingWithQualityHeaderValue Trailers = new("trailers");
}
