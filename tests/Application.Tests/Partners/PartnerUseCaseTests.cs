using NSubstitute;
using Rapport.Application.Partners;
using Rapport.Application.Tests.Contacts;

namespace Rapport.Application.Tests.Partners;

public sealed class PartnerUseCaseTests
{
    private readonly CrmHarness _h = new();
    private readonly IPartnerStore _partners = Substitute.For<IPartnerStore>();

    public PartnerUseCaseTests() => _h.UnitOfWork.Partners.Returns(_partners);

    [Fact]
    public async Task Add_stores_only_the_hash_returns_the_key_once_and_audits()
    {
        var result = await new AddPartner(_h.Factory, _h.Clock).ExecuteAsync("mailer", "deals:write, contacts:read", "600/m");

        Assert.True(result.IsSuccess);
        var (partner, key) = (result.Value.Partner, result.Value.ApiKey);
        Assert.StartsWith($"rpk_{partner.KeyId}_", key, StringComparison.Ordinal);
        Assert.Equal(PartnerKey.Hash(key), partner.KeyHash);
        Assert.DoesNotContain(key, partner.KeyHash, StringComparison.Ordinal);
        Assert.Equal(["contacts:read", "deals:write"], partner.Scopes);
        Assert.Equal(10, partner.Rate.PerSecond);
        await _partners.Received(1).AddAsync(partner, Arg.Any<CancellationToken>());
        var audit = Assert.Single(_h.Events);
        Assert.Equal("partner.added", audit.Action);
        Assert.DoesNotContain(key, audit.Detail, StringComparison.Ordinal);
        await _h.CommittedAsync();
    }

    [Theory]
    [InlineData("bad name", "contacts:read", null, "PARTNER_NAME_INVALID")]
    [InlineData("ok", "contacts:admin", null, "PARTNER_SCOPE_INVALID")]
    [InlineData("ok", "", null, "PARTNER_SCOPE_INVALID")]
    [InlineData("ok", "contacts:read", "fast", "PARTNER_RATE_INVALID")]
    [InlineData("ok", "contacts:read", "0/s", "PARTNER_RATE_INVALID")]
    public async Task Add_refuses_invalid_input_without_writing(string name, string scopes, string? rate, string code)
    {
        var result = await new AddPartner(_h.Factory, _h.Clock).ExecuteAsync(name, scopes, rate);

        Assert.Equal(code, result.Error.Code.Value);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Add_refuses_a_duplicate_name()
    {
        _partners.FindByNameAsync("mailer", Arg.Any<CancellationToken>()).Returns(Existing("mailer").Partner);

        var result = await new AddPartner(_h.Factory, _h.Clock).ExecuteAsync("mailer", "contacts:read");

        Assert.Equal(PartnerErrors.Exists, result.Error.Code);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Authenticate_accepts_the_issued_key_and_refuses_others()
    {
        var (partner, key) = Existing("mailer");
        _partners.ListAsync(Arg.Any<CancellationToken>()).Returns([partner]);
        var authenticate = new AuthenticatePartner(new PartnerDirectory(_h.Factory));

        Assert.Equal(partner, (await authenticate.ExecuteAsync(key)).Value);
        Assert.Equal(PartnerErrors.KeyInvalid, (await authenticate.ExecuteAsync(key[..^1] + (key[^1] == 'a' ? 'b' : 'a'))).Error.Code);
        Assert.Equal(PartnerErrors.KeyInvalid, (await authenticate.ExecuteAsync(null)).Error.Code);
        Assert.Equal(PartnerErrors.KeyInvalid, (await authenticate.ExecuteAsync("Bearer nonsense")).Error.Code);

        // Calls are answered from memory: the partners were read once, not once per call.
        await _partners.Received(1).ListAsync(Arg.Any<CancellationToken>());
        await _partners.DidNotReceive().FindByKeyIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revoked_partner_cannot_authenticate_and_revoking_is_audited_once()
    {
        var (partner, key) = Existing("mailer");
        _partners.FindByNameAsync("mailer", Arg.Any<CancellationToken>()).Returns(partner);

        var revoked = await new RevokePartner(_h.Factory, _h.Clock).ExecuteAsync("mailer");

        Assert.Equal(CrmHarness.Now, revoked.Value.RevokedAt);
        await _partners.Received(1).UpdateAsync(revoked.Value, Arg.Any<CancellationToken>());
        Assert.Equal("partner.revoked", Assert.Single(_h.Events).Action);
        _partners.ListAsync(Arg.Any<CancellationToken>()).Returns([revoked.Value]);
        Assert.Equal(PartnerErrors.KeyRevoked, (await new AuthenticatePartner(new PartnerDirectory(_h.Factory)).ExecuteAsync(key)).Error.Code);
    }

    [Fact]
    public async Task Revoke_unknown_partner_is_not_found()
    {
        var result = await new RevokePartner(_h.Factory, _h.Clock).ExecuteAsync("ghost");

        Assert.Equal(PartnerErrors.NotFound, result.Error.Code);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Record_call_audits_partner_method_and_decision()
    {
        await new RecordPartnerCall(_h.Journal, _h.Clock).ExecuteAsync("mailer", "/rapport.v1.ContactsService/GetContact", "permission_denied", "SCOPE_MISSING");

        var audit = Assert.Single(_h.Events);
        Assert.Equal("partner:mailer", audit.Actor);
        Assert.Equal("partner.call", audit.Action);
        Assert.Contains("decision=permission_denied", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("reason=SCOPE_MISSING", audit.Detail, StringComparison.Ordinal);
        await _h.Factory.DidNotReceive().BeginAsync(Arg.Any<CancellationToken>());
    }

    private static (Partner Partner, string Key) Existing(string name)
    {
        var (key, keyId, hash) = PartnerKey.Generate();
        return (new Partner(name, keyId, hash, PartnerScopes.Parse("contacts:read").Value, RateLimit.Default, CrmHarness.Now.AddDays(-1)), key);
    }

    [Fact]
    public async Task The_directory_reloads_when_the_stores_partner_version_moves()
    {
        var (partner, key) = Existing("mailer");
        _partners.VersionAsync(Arg.Any<CancellationToken>()).Returns(1L);
        _partners.ListAsync(Arg.Any<CancellationToken>()).Returns([partner]);
        var directory = new PartnerDirectory(_h.Factory);
        var authenticate = new AuthenticatePartner(directory);
        Assert.True((await authenticate.ExecuteAsync(key)).IsSuccess);

        // Revoked by another process: the version moves, and after the refresh interval the key is refused.
        _partners.VersionAsync(Arg.Any<CancellationToken>()).Returns(2L);
        _partners.ListAsync(Arg.Any<CancellationToken>()).Returns([partner with { RevokedAt = CrmHarness.Now }]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await authenticate.ExecuteAsync(key)).IsSuccess)
        {
            Assert.True(DateTime.UtcNow < deadline, "the revocation was never seen");
            await Task.Delay(PartnerDirectory.RefreshInterval / 5);
        }

        Assert.Equal(PartnerErrors.KeyRevoked, (await authenticate.ExecuteAsync(key)).Error.Code);
        await _partners.Received(2).ListAsync(Arg.Any<CancellationToken>());
    }
}
