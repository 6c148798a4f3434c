using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Partners;
using Rapport.Domain.Contacts;
using Rapport.Host.Hosting;

namespace Rapport.Bench.Grpc;

/// <summary>
/// grpc-contacts-get: rapport.v1.ContactsService/GetContact (purpose "marketing") through the full partner API path —
/// API key authentication, scope check, rate limit, consent check, per-call audit write, all on a real SQLite store —
/// against the same steps behind a plain Kestrel HTTP/2 JSON endpoint, 64 concurrent calls each, in one run.
/// </summary>
public sealed class GrpcContactsGetBenchmark : IBenchmark
{
    public string Name => "grpc-contacts-get";

    public string Description => "partner API ContactsService.GetContact (auth+scope+rate+consent+audit, SQLite) vs same steps as plain HTTP/2 JSON; 64 concurrent";

    public async Task RunAsync(string[] args)
    {
        var seconds = GrpcVersusJson.ReadOption(args, "--seconds", 5);
        var concurrency = GrpcVersusJson.ReadOption(args, "--concurrency", 64);
        var rounds = GrpcVersusJson.ReadOption(args, "--rounds", 3);
        var warmup = GrpcVersusJson.ReadOption(args, "--warmup", 5);
        await using var bench = await PartnerApiBenchNode.CreateAsync().ConfigureAwait(false);
        var node = await bench.ServeAsync().ConfigureAwait(false);
        var (json, jsonAddress) = await StartJsonServerAsync(node).ConfigureAwait(false);
        await using var jsonServer = json;

        using var client = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        var grpcUri = new Uri(node.PartnerApi!, "/rapport.v1.ContactsService/GetContact");
        var jsonUri = new Uri(jsonAddress, "/v1/contacts:get");
        Func<Task> grpcCall = () => Http2Calls.GetContactAsync(client, grpcUri, bench.Key, bench.ContactName);
        Func<Task> jsonCall = () => JsonCallAsync(client, jsonUri, bench.Key, bench.ContactName);

        await GrpcVersusJson.CompareAsync(grpcCall, jsonCall, concurrency, seconds, rounds, warmup).ConfigureAwait(false);
    }

    private static async Task JsonCallAsync(HttpClient client, Uri uri, string key, string name)
    {
        var contact = await Http2Calls.PostJsonAsync<JsonRequest, JsonContact>(client, uri, new JsonRequest(name, "marketing"), key).ConfigureAwait(false);
        if (contact?.Name != name)
        {
            throw new InvalidOperationException("wrong contact");
        }
    }

    /// <summary>
    /// The same steps as the gRPC path (authenticate, scope, rate limit, consent-checked read, audit), as JSON, with
    /// the running node's own use cases.
    /// </summary>
    private static Task<(WebApplication App, Uri Address)> StartJsonServerAsync(RunningNode node)
    {
        var authenticate = node.Get<AuthenticatePartner>();
        var show = node.Get<ShowContactForPurpose>();
        var audit = node.Get<RecordPartnerCall>();
        var clock = node.Get<IClock>();
        var buckets = new System.Collections.Concurrent.ConcurrentDictionary<string, TokenBucket>(StringComparer.Ordinal);
        return Http2Calls.StartJsonServerAsync(async context =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var partner = await authenticate.ExecuteAsync(header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null).ConfigureAwait(false);
            var request = await context.Request.ReadFromJsonAsync<JsonRequest>().ConfigureAwait(false);
            if (partner.IsFailure || !partner.Value.HasScope(PartnerScopes.ContactsRead) || request is null ||
                !buckets.GetOrAdd(partner.Value.Name, _ => new TokenBucket(partner.Value.Rate, clock.UtcNow)).TryTake(clock.UtcNow, out _) ||
                !ContactId.TryParse(request.Name["contacts/".Length..], out var id))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            var contact = await show.ExecuteAsync(id, request.Purpose, "partner:" + partner.Value.Name).ConfigureAwait(false);
            await audit.ExecuteAsync(partner.Value.Name, "/v1/contacts:get", contact.IsSuccess ? "ok" : "permission_denied").ConfigureAwait(false);
            if (contact.IsFailure)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            var c = contact.Value;
            await context.Response.WriteAsJsonAsync(new JsonContact($"contacts/{c.Id}", c.Name.Value, c.Email?.Value, c.Company?.Value, c.CreatedAt)).ConfigureAwait(false);
        });
    }

    private sealed record JsonRequest(string Name, string Purpose);

    private sealed record JsonContact(string Name, string DisplayName, string? Email, string? Company, DateTimeOffset CreateTime);
}
