using Rapport.Host.Tests.Consent;
using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Partners;

[Collection(ConsoleCollection.Name)]
public sealed class PartnersCommandTests
{
    [Fact]
    public async Task Add_prints_the_key_once_list_never_shows_it_revoke_marks_it()
    {
        await using var cli = await ConsentCli.CreateAsync();

        var added = await cli.RunAsync("--json", "partners", "add", "mailer", "--scopes", "contacts:read,deals:write", "--rate", "600/m");
        Assert.Equal(0, added.ExitCode);
        var key = added.Json.GetProperty("apiKey").GetString()!;
        Assert.StartsWith("rpk_", key, StringComparison.Ordinal);
        Assert.Equal("10/s", added.Json.GetProperty("rate").GetString());

        var listed = await cli.RunAsync("--json", "partners", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.DoesNotContain(key, listed.Out, StringComparison.Ordinal);
        var partner = Assert.Single(listed.Json.EnumerateArray());
        Assert.Equal("mailer", partner.GetProperty("name").GetString());

        var revoked = await cli.RunAsync("partners", "revoke", "mailer");
        Assert.Equal(0, revoked.ExitCode);
        var after = await cli.RunAsync("--json", "partners", "list");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, Assert.Single(after.Json.EnumerateArray()).GetProperty("revokedAt").ValueKind);
    }

    [Theory]
    [InlineData("partners", "add", "x", "--scopes", "contacts:everything")]
    [InlineData("partners", "add", "x", "--scopes", "contacts:read", "--rate", "lots")]
    [InlineData("partners", "add", "bad name", "--scopes", "contacts:read")]
    [InlineData("partners", "revoke", "nobody")]
    public async Task Bad_input_is_a_clear_usage_error(params string[] args)
    {
        await using var cli = await ConsentCli.CreateAsync();

        var run = await cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_grpc_refuses_plaintext_on_a_public_address()
    {
        await using var cli = await ConsentCli.CreateAsync();

        var run = await cli.RunAsync("serve-grpc", "--grpc", "0.0.0.0:0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("plaintext", run.Error, StringComparison.Ordinal);
    }
}
