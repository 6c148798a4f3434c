using System.Net;
using Rapport.Adapters.Web.Hosting;
using Rapport.Adapters.Web.Tests.Support;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed class SignInTests
{
    [Fact]
    public async Task A_page_without_a_session_sends_the_browser_to_sign_in()
    {
        await using var node = await WebNode.StartAsync();
        using var client = node.Client();
        using var response = await client.GetAsync("/contacts");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fcontacts", response.Headers.Location.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(WebConsole.SessionCookie, client.Cookies.Keys);
    }

    [Fact]
    public async Task The_admin_passphrase_opens_a_session_whose_cookie_scripts_and_other_sites_cannot_use()
    {
        await using var node = await WebNode.StartAsync();
        using var client = node.Client();
        using var response = await client.SignInAsync(WebNode.Passphrase);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/contacts", response.Headers.Location!.AbsolutePath);
        var session = Assert.Single(client.SetCookieHeaders, h => h.StartsWith(WebConsole.SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        var antiforgery = Assert.Single(client.SetCookieHeaders, h => h.StartsWith(WebConsole.AntiforgeryCookie + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        Assert.Contains("<h1>Contacts</h1>", await client.PageAsync("/contacts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_refused_with_a_message_and_no_session()
    {
        await using var node = await WebNode.StartAsync();
        using var client = node.Client();
        using var response = await client.SignInAsync("not the passphrase at all");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That passphrase is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(WebConsole.SessionCookie, client.Cookies.Keys);
    }

    [Fact]
    public async Task A_node_without_a_passphrase_says_how_to_set_one()
    {
        await using var node = await WebNode.StartAsync(passphrase: false);
        using var client = node.Client();
        using var response = await client.SignInAsync(WebNode.Passphrase);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("rapport web passwd", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_returns_only_to_a_page_of_this_console(string returnUrl)
    {
        await using var node = await WebNode.StartAsync();
        using var client = node.Client();
        using var response = await client.SignInAsync(WebNode.Passphrase, returnUrl);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(node.Address.Authority, response.Headers.Location!.Authority);
        Assert.Equal("/contacts", response.Headers.Location.AbsolutePath);
    }

    [Fact]
    public async Task Repeated_wrong_passphrases_are_slowed_down_with_a_message_and_retry_after()
    {
        await using var node = await WebNode.StartAsync();
        using var client = node.Client();
        HttpResponseMessage? throttled = null;
        for (var attempt = 0; attempt < 10 && throttled is null; attempt++)
        {
            var response = await client.SignInAsync("guess number " + attempt);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(throttled);
        Assert.Contains("Too many wrong passphrases", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        throttled.Dispose();
    }

    [Fact]
    public async Task A_forged_or_tampered_session_cookie_opens_nothing()
    {
        await using var node = await WebNode.StartAsync();
        using var signedIn = await node.SignedInClientAsync();
        var genuine = signedIn.Cookies[WebConsole.SessionCookie];
        foreach (var forged in new[] { "admin", "CfDJ8" + new string('A', 200), genuine[..^4] + "AAAA", genuine[1..] })
        {
            using var client = node.Client();
            client.Cookies[WebConsole.SessionCookie] = forged;
            using var response = await client.GetAsync("/contacts");
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var node = await WebNode.StartAsync();
        using var client = await node.SignedInClientAsync();
        var page = await client.PageAsync("/contacts");
        using var signOut = await client.PostAsync("/logout", ConsoleClient.Hidden(page));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.DoesNotContain(WebConsole.SessionCookie, client.Cookies.Keys);
        using var after = await client.GetAsync("/contacts");
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
    }
}
