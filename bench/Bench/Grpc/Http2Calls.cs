using System.Buffers.Binary;
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
using Microsoft.Extensions.Logging;

namespace Rapport.Bench.Grpc;

/// <summary>
/// The two sides the gRPC benchmarks compare: a unary gRPC call made by hand over HttpClient's HTTP/2 (what any
/// HTTP/2 gRPC client puts on the wire), and a plain Kestrel HTTP/2 JSON endpoint with its client call.
/// </summary>
internal static class Http2Calls
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");
    private static readonly TransferCodingWithQualityHeaderValue Trailers = new("trailers");

    /// <summary>One unary call: 5-byte framed request, trailers required, grpc-status 0 expected.</summary>
    public static async Task<TResponse> UnaryAsync<TResponse>(HttpClient client, Uri uri, IMessage request, MessageParser<TResponse> parser, string? bearer = null)
        where TResponse : IMessage<TResponse>
    {
        var size = request.CalculateSize();
        var body = new byte[5 + size];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)size);
        request.WriteTo(body.AsSpan(5));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = GrpcContentType;
        using var message = Post(uri, content, bearer);
        message.Headers.TE.Add(Trailers);
        using var response = await client.SendAsync(message).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!response.TrailingHeaders.TryGetValues("grpc-status", out var status) || status.First() != "0" || bytes.Length < 5)
        {
            throw new InvalidOperationException("gRPC call failed");
        }

        return parser.ParseFrom(bytes.AsSpan(5));
    }

    /// <summary>One JSON POST over HTTP/2; a non-2xx answer is an error.</summary>
    public static async Task<TResponse?> PostJsonAsync<TRequest, TResponse>(HttpClient client, Uri uri, TRequest request, string? bearer = null)
    {
        using var message = Post(uri, JsonContent.Create(request), bearer);
        using var response = await client.SendAsync(message).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TResponse>().ConfigureAwait(false);
    }

    /// <summary>A Kestrel server on a loopback port, HTTP/2 only (prior knowledge), every request to <paramref name="handler"/>.</summary>
    public static Task<(WebApplication App, Uri Address)> StartJsonServerAsync(RequestDelegate handler) =>
        StartServerAsync(_ => { }, app => app.Run(handler));

    /// <summary>A Kestrel server on a loopback port, HTTP/2 only (prior knowledge), with what <paramref name="map"/> maps.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartServerAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.Http2.MaxStreamsPerConnection = 256;
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
        });
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync().ConfigureAwait(false);
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    /// <summary>The echo call (rapport.bench.v1.BenchContacts/GetContact), its answer checked.</summary>
    public static async Task EchoAsync(HttpClient client, Uri uri)
    {
        var reply = await UnaryAsync(client, uri, new Protos.GetContactRequest { ContactId = "c-0001", IncludeConsents = true }, Protos.Contact.Parser).ConfigureAwait(false);
        if (reply.ContactId != "c-0001")
        {
            throw new InvalidOperationException("wrong contact");
        }
    }

    /// <summary>The partner API's GetContact for marketing with <paramref name="key"/>, its answer checked.</summary>
    public static async Task GetContactAsync(HttpClient client, Uri uri, string key, string name)
    {
        var request = new Protocol.V1.GetContactRequest { Name = name, Purpose = "marketing" };
        if ((await UnaryAsync(client, uri, request, Protocol.V1.Contact.Parser, key).ConfigureAwait(false)).Name != name)
        {
            throw new InvalidOperationException("wrong contact");
        }
    }

    private static HttpRequestMessage Post(Uri uri, HttpContent content, string? bearer)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        if (bearer is not null)
        {
            message.Headers.TryAddWithoutValidation("authorization", "Bearer " + bearer);
        }

        return message;
    }
}
