using System.Net;
using Rapport.Adapters.Web.Hosting;
using Rapport.Adapters.Web.Tests.Support;

namespace Rapport.Adapters.Web.Tests.Console;

/// <summary>The console and the partner API share the node's Kestrel host, each on its own listener, and never answer on the other's.</summary>
public sealed class ListenerTests
{
    [Fact]
    public async Task The_console_answers_only_on_its_own_listener_and_the_partner_api_only_on_its()
    {
        await using var node = await WebNode.StartAsync(grpc: true);
        var api = node.Node.PartnerApi!;
        Assert.NotEqual(api.Port, node.Address.Port);

        using var h2c = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        foreach (var page in new[] { "/login", "/contacts", "/assets/site.css" })
        {
            using var onApi = await h2c.GetAsync(new Uri(api, page));
            Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
        }

        using var health = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, "/grpc.health.v1.Health/Check"))
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        health.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        using var client = node.Client();
        using var onConsole = await client.SendAsync(health);
        Assert.Equal(HttpStatusCode.NotFound, onConsole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task Every_console_response_carries_a_strict_content_security_policy_and_no_caching_of_pages()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        foreach (var path in new[] { "/login", "/contacts", "/contacts/new", "/no-such-page" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        using var missing = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no page at this address.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
