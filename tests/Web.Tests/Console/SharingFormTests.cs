using System.Net;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Contacts;
using Rapport.Application.Sharing.List;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Web.Tests.Console;

/// <summary>The consent-flow forms refuse what cannot be done, say why, and change nothing.</summary>
public sealed class SharingFormTests
{
    private const string Peer = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

    [Theory]
    [InlineData("none", "365", "choose at least one field")]
    [InlineData("view", "0", "1 to 1,830 days")]
    [InlineData("view", "forever", "1 to 1,830 days")]
    public async Task A_share_request_without_fields_or_with_a_bad_duration_is_not_sent(string level, string days, string problem)
    {
        ContactId id = default!;
        await using var node = await WebNode.StartAsync(seed: async opened =>
            id = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada", PeerId: Peer))).Value.Id);
        using var client = await node.SignedInClientAsync();
        using var refused = await client.SubmitAsync($"/contacts/{id}/share-request", [new("level:email", level), new("days", days), new("reason", "r")], formPath: $"/contacts/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(problem, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await node.Get<ListSharingRequests>().ExecuteAsync());
    }

    [Fact]
    public async Task A_contact_without_a_node_cannot_be_asked_and_an_unreachable_customer_is_named()
    {
        ContactId external = default!;
        ContactId native = default!;
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            external = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Bob"))).Value.Id;
            native = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada", PeerId: Peer))).Value.Id;
        });
        using var client = await node.SignedInClientAsync();
        using var notNative = await client.SubmitAsync($"/contacts/{external}/share-request", [new("level:email", "view"), new("days", "30"), new("reason", "r")], formPath: $"/contacts/{native}");
        Assert.Equal(HttpStatusCode.BadRequest, notNative.StatusCode);
        Assert.Contains("only a customer who runs a node can be asked", await notNative.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unreachable = await client.SubmitAsync($"/contacts/{native}/share-request", [new("level:email", "view"), new("days", "30"), new("reason", "r")], formPath: $"/contacts/{native}");
        Assert.True((int)unreachable.StatusCode >= 400);
        Assert.Contains("Nothing was changed.", await unreachable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await node.Get<ListSharingRequests>().ExecuteAsync());
    }

    [Theory]
    [InlineData("/consent-center/requests/00000000000000000000000000000000/accept", "field", "email")]
    [InlineData("/consent-center/requests/not-an-id/accept", "field", "email")]
    [InlineData("/consent-center/requests/00000000000000000000000000000000/decline", "reason", "no")]
    [InlineData("/consent-center/businesses/" + Peer + "/revoke", "x", "y")]
    [InlineData("/consent-center/businesses/not-a-peer/revoke", "x", "y")]
    public async Task An_answer_to_nothing_is_refused_with_why(string path, string field, string value)
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var refused = await client.SubmitAsync(path, [new(field, value)], formPath: "/consent-center");
        Assert.InRange((int)refused.StatusCode, 400, 499);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", html, StringComparison.Ordinal);

        using var forged = await client.PostAsync(path, [new(field, value)]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task The_consent_center_without_requests_or_grants_says_so_and_receipts_download_as_json()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        var html = await client.PageAsync("/consent-center?done=%3Cscript%3E");
        Assert.Contains("No business is asking for anything right now.", html, StringComparison.Ordinal);
        Assert.Contains("No business has access to your data.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"status\"", html, StringComparison.Ordinal);
        using var receipts = await client.GetAsync("/consent-center/receipts.json");
        Assert.Equal(HttpStatusCode.OK, receipts.StatusCode);
        Assert.Equal("[]", (await receipts.Content.ReadAsStringAsync()).Trim());
    }
}
