using NSubstitute;
using Rapport.Application.Access;
using Rapport.Application.Tests.Contacts;
using Rapport.Domain.Access;

namespace Rapport.Application.Tests.Access;

public sealed class AdminPassphraseUseCaseTests
{
    private readonly CrmHarness _crm = new();
    private readonly IPassphraseHasher _hasher = Substitute.For<IPassphraseHasher>();
    private readonly IAdminCredential _credential = Substitute.For<IAdminCredential>();

    public AdminPassphraseUseCaseTests()
    {
        _hasher.Hash(Arg.Any<string>()).Returns(c => "hashed:" + c.Arg<string>().Length);
        _hasher.Verify(Arg.Any<string>(), Arg.Any<string>()).Returns(c => c.ArgAt<string>(1) == "hashed:" + c.ArgAt<string>(0).Length);
        _credential.ReadAsync(Arg.Any<CancellationToken>()).Returns((string?)null);
    }

    [Fact]
    public async Task Setting_stores_only_the_hash_and_audits_without_the_passphrase()
    {
        var set = await new SetAdminPassphrase(_hasher, _credential, _crm.Factory, _crm.Clock).ExecuteAsync("correct horse battery staple");

        Assert.True(set.IsSuccess);
        await _credential.Received(1).WriteAsync("hashed:28", Arg.Any<CancellationToken>());
        var audited = Assert.Single(_crm.Events);
        Assert.Equal("web.passphrase_set", audited.Action);
        Assert.Contains("replaced=false", audited.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("horse", audited.ToString(), StringComparison.Ordinal);
        await _crm.CommittedAsync();
    }

    [Fact]
    public async Task A_replacement_is_audited_as_one()
    {
        _credential.ReadAsync(Arg.Any<CancellationToken>()).Returns("hashed:12");

        Assert.True((await new SetAdminPassphrase(_hasher, _credential, _crm.Factory, _crm.Clock).ExecuteAsync("another passphrase")).IsSuccess);

        Assert.Contains("replaced=true", Assert.Single(_crm.Events).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_passphrase_changes_nothing()
    {
        var set = await new SetAdminPassphrase(_hasher, _credential, _crm.Factory, _crm.Clock).ExecuteAsync("too short");

        Assert.Equal(AccessErrors.PassphraseTooShort, set.Error.Code);
        await _credential.DidNotReceive().WriteAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
        Assert.Empty(_crm.Events);
    }

    [Fact]
    public async Task Checking_needs_a_stored_hash_and_the_right_passphrase()
    {
        var check = new CheckAdminPassphrase(_hasher, _credential);
        Assert.Equal(AccessErrors.PassphraseNotSet, (await check.ExecuteAsync("correct horse battery staple")).Error.Code);

        _credential.ReadAsync(Arg.Any<CancellationToken>()).Returns("hashed:28");

        Assert.True((await check.ExecuteAsync("correct horse battery staple")).IsSuccess);
        Assert.Equal(AccessErrors.PassphraseWrong, (await check.ExecuteAsync("wrong")).Error.Code);
        Assert.Equal(AccessErrors.PassphraseWrong, (await check.ExecuteAsync(null)).Error.Code);
    }
}
