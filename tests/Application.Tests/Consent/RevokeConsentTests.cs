using NSubstitute;
using Rapport.Application.Consent.Revoke;
using Rapport.Application.Consent.Show;
using Rapport.Domain.Audit;
using Rapport.Domain.Consent;
using static Rapport.Application.Tests.Consent.Fixture;

namespace Rapport.Application.Tests.Consent;

public sealed class RevokeConsentTests
{
    private readonly Fixture _f = new();

    [Fact]
    public async Task Revoking_a_purpose_revokes_its_recorded_children_too()
    {
        _f.Consents.CurrentAsync(Contact, Arg.Any<CancellationToken>()).Returns([Granted("analytics"), Granted("marketing"), Granted("marketing.email")]);

        var revoked = (await new RevokeConsent(_f.Factory, _f.Clock).ExecuteAsync(new RevokeConsentCommand(Contact, Purpose.Marketing, "cli"))).Value;

        Assert.Equal(["marketing", "marketing.email"], revoked.Select(g => g.Purpose.Key));
        Assert.All(revoked, g => Assert.Equal(Now, g.RevokedAt));
        Assert.All(revoked, g => Assert.Equal(2, g.Version));
        await _f.Audit.Received(2).AppendAsync(Arg.Is<AuditEvent>(e => e.Action == "consent.revoked"), Arg.Any<CancellationToken>());
        await _f.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revoking_nothing_recorded_is_an_error()
    {
        var result = await new RevokeConsent(_f.Factory, _f.Clock).ExecuteAsync(new RevokeConsentCommand(Contact, Purpose.Analytics, "cli"));
        Assert.Equal(ConsentErrors.NotFound, result.Error.Code);
        await _f.Work.DidNotReceiveWithAnyArgs().CommitAsync(default);
    }

    [Fact]
    public async Task Show_reports_status_fields_and_history()
    {
        var grant = ConsentGrant.Issue(null, Contact, Purpose.DataShare, LegalBasis.Contract, Form, [new(FieldKey.Parse("profile.*").Value, AccessLevel.View)], Now.AddDays(-1), null, Now.AddDays(-0.5)).Value;
        _f.Consents.CurrentAsync(Contact, Arg.Any<CancellationToken>()).Returns([grant]);
        _f.Consents.HistoryAsync(Contact, Arg.Any<CancellationToken>()).Returns([grant]);

        var overview = (await new ShowConsent(_f.Factory, _f.Clock).ExecuteAsync(Contact)).Value;

        Assert.Equal(ConsentStatus.Expired, Assert.Single(overview.Purposes).Status);
        Assert.Equal(new FieldShare("profile.*", AccessLevel.None), Assert.Single(overview.Fields));
        Assert.Single(overview.History);
    }
}
