using System.Net;
using System.Net.Sockets;
using System.Text;
using Rapport.Adapters.Web.Hosting;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Contacts;
using Rapport.Application.Interactions;
using Rapport.Application.Partners;
using Rapport.Application.Pipeline;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed class BadInputTests
{
    public static TheoryData<string> XssPayloads =>
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "';alert(1);//",
        "<svg/onload=alert(1)>",
        "javascript:alert(1)",
        "</textarea><script>alert(1)</script>",
    ];

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public async Task A_script_in_any_text_field_is_shown_as_text_never_run(string payload)
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        using var response = await client.SubmitAsync("/contacts/new", ContactsPageTests.Form(("Name", payload), ("Company", payload), ("Fields", "note=text:" + payload)));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        foreach (var html in new[] { await client.PageAsync(response.Headers.Location!.OriginalString), await client.PageAsync("/contacts") })
        {
            AssertInert(html);
            Assert.Contains(WebUtility.HtmlEncode(payload), WebUtility.HtmlEncode(WebUtility.HtmlDecode(html)), StringComparison.Ordinal);
        }

        // Also when the form comes back with a problem, every field keeps the value as text.
        using var refused = await client.SubmitAsync("/contacts/new", ContactsPageTests.Form(("Name", payload), ("Email", payload), ("Tags", payload), ("Fields", payload)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        AssertInert(await refused.Content.ReadAsStringAsync());
    }

    // The pages themselves have no script (but the board's), image or svg element (but the chart) and no javascript: link: any in the HTML came from input.
    internal static void AssertInert(string html)
    {
        // The board's own script, from the node's assets, is the one script element a page may carry.
        html = html.Replace("<script src=\"/assets/board.js\" defer></script>", string.Empty, StringComparison.Ordinal);

        // And the consent health chart, drawn by the server, is its one svg element.
        html = html.Replace("<svg class=\"chart\"", "<chart", StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(html.Split("<textarea").Length, html.Split("</textarea>").Length);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public async Task A_script_stored_anywhere_is_text_on_every_page(string payload)
    {
        ContactId id = default!;
        await using var node = await WebNode.StartAsync(seed: async opened =>
        {
            id = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput(payload, Company: payload, Tags: ["vip"], Fields: ["note=text:" + payload]))).Value.Id;
            Assert.True((await opened.Get<LogInteraction>().ExecuteAsync(new LogInteractionRequest(id, InteractionType.Call, payload))).IsSuccess);
            // Names with markup may be refused by validation (then they are never shown); those accepted must render as text.
            _ = await opened.Get<CreatePipeline>().ExecuteAsync(payload, ["lead:10", "won:100"]);
            if ((await opened.Get<CreatePipeline>().ExecuteAsync("sales", ["lead:10", "won:100"])).IsSuccess)
            {
                _ = await opened.Get<CreateDeal>().ExecuteAsync(new CreateDealRequest(id, "sales", payload, "100", "EUR"));
            }

            _ = await opened.Get<AddPartner>().ExecuteAsync(payload, "contacts:read");
        });
        using var client = await node.SignedInClientAsync();
        foreach (var path in new[] { "/contacts", $"/contacts/{id}", $"/contacts/{id}/edit", "/pipeline", "/pipeline/sales", "/audit", "/partners", "/consent-health", "/consent-center" })
        {
            AssertInert(await client.PageAsync(path));
        }
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_nothing_is_saved()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        var page = await client.PageAsync("/contacts/new");
        var handler = ConsoleClient.Hidden(page).Where(p => p.Key == "_handler");

        using var withoutToken = await client.PostAsync("/contacts/new", handler.Concat(ContactsPageTests.Form(("Name", "Mallory"))));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("security token", await withoutToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another session's token (a page of an attacker who also has an account) does not pass either.
        using var other = await node.SignedInClientAsync();
        var foreignToken = ConsoleClient.Hidden(await other.PageAsync("/contacts/new")).Where(p => p.Key == "__RequestVerificationToken");
        using var withForeignToken = await client.PostAsync("/contacts/new", handler.Concat(foreignToken).Concat(ContactsPageTests.Form(("Name", "Mallory"))));
        Assert.Equal(HttpStatusCode.BadRequest, withForeignToken.StatusCode);

        // Signing out is a form too.
        using var signOut = await client.PostAsync("/logout", []);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Contains(WebConsole.SessionCookie, client.Cookies.Keys);

        Assert.Empty((await node.Get<ListContacts>().ExecuteAsync(null, null, null, "test")).Value);
    }

    [Theory]
    [InlineData("/assets/../rapport.db")]
    [InlineData("/assets/..%2frapport.db")]
    [InlineData("/assets/..%2F..%2Fidentity.key")]
    [InlineData("/assets/%2e%2e%2fweb-admin.passphrase")]
    [InlineData("/assets/..\\rapport.db")]
    [InlineData("/assets/site.css%00.db")]
    [InlineData("/assets/Rapport.Adapters.Web.Assets.site.css")]
    [InlineData("/assets/")]
    public async Task An_asset_url_reaches_only_the_assets_compiled_into_the_node(string path)
    {
        await using var node = await WebNode.StartAsync();
        using var client = node.Client();
        using var response = await client.GetAsync(path);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("SQLite format", Encoding.Latin1.GetString(body), StringComparison.Ordinal);
        Assert.DoesNotContain("argon2id", Encoding.Latin1.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_are_served_with_their_type_and_a_validator()
    {
        await using var node = await WebNode.StartAsync();
        using var client = node.Client();
        using var css = await client.GetAsync("/assets/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        var etag = css.Headers.ETag!.Tag;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/assets/site.css");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task A_50_MB_upload_is_refused_with_a_message_before_it_is_read()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        var page = await client.PageAsync("/contacts/new");
        var hidden = ConsoleClient.Hidden(page).ToList();

        // Declared up front: refused at once, with the sizes in the message.
        using var socket = new TcpClient();
        await socket.ConnectAsync(node.Address.Host, node.Address.Port);
        var stream = socket.GetStream();
        const long size = 50L * 1024 * 1024;
        var head = $"POST /contacts/new HTTP/1.1\r\nHost: {node.Address.Authority}\r\nCookie: {string.Join("; ", client.Cookies.Select(c => $"{c.Key}={c.Value}"))}\r\n" +
                   $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {size}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var reply = await ReadReplyAsync(stream);
        Assert.StartsWith("HTTP/1.1 413", reply, StringComparison.Ordinal);
        Assert.Contains("50 MB", reply, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", reply, StringComparison.Ordinal);

        // Streamed without a length: cut off when the limit is crossed.
        var body = new StreamingBody(Encoding.ASCII.GetBytes(string.Join('&', hidden.Select(h => $"{h.Key}={Uri.EscapeDataString(h.Value)}")) + "&Input.Name="), size);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/contacts/new") { Content = body };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        try
        {
            using var streamed = await client.SendAsync(request);
            Assert.True(streamed.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"{streamed.StatusCode}");
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while the client is still sending: refused all the same.
        }

        Assert.True(body.Sent < size);
        Assert.Empty((await node.Get<ListContacts>().ExecuteAsync(null, null, null, "test")).Value);
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var reply = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!reply.ToString().Contains("</html>", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reply.ToString();
    }

    /// <summary>A form body of <paramref name="size"/> bytes sent in chunks, no length declared.</summary>
    private sealed class StreamingBody(byte[] prefix, long size) : HttpContent
    {
        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            Sent = prefix.Length;
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            while (Sent < size)
            {
                await stream.WriteAsync(chunk);
                Sent += chunk.Length;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
