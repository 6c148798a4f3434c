using NSubstitute;
using Rapport.Application.Consent.Record;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using static Rapport.Application.Tests.Consent.Fixture;

namespace Rapport.Application.Tests.Consent;

public sealed class RecordConsentTests
{
    private readonly Fixture _f = new();

    private static RecordConsentCommand Command(int? days = null, DateTimeOffset? until = null) =>
        new(Contact, Purpose.Marketing, LegalBasis.Consent, Form, [new(FieldKey.Parse("email").Value, AccessLevel.View)], null, until, days, "cli");

    [Fact]
    public async Task Records_the_next_version_audits_it_and_commits()
    {
        var previous = Granted("marketing");
        _f.Consents.CurrentAsync(Contact, Purpose.Marketing, Arg.Any<CancellationToken>()).Returns(previous);

        var grant = (await new RecordConsent(_f.Factory, _f.Clock).ExecuteAsync(Command(days: 30))).Value;

        Assert.Equal(2, grant.Version);
        Assert.Equal(Now, grant.EffectiveFrom);
        Assert.Equal(Now.AddDays(30), grant.ExpiresAt);
        await _f.Consents.Received(1).AppendAsync(grant, Arg.Any<CancellationToken>());
        await _f.Audit.Received(1).AppendAsync(Arg.Is<AuditEvent>(e => e.Action == "consent.granted" && e.ContactId == Contact.ToString()), Arg.Any<CancellationToken>());
        await _f.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_version_conflict_in_the_store_writes_nothing()
    {
        _f.Consents.AppendAsync(Arg.Any<ConsentGrant>(), Arg.Any<CancellationToken>()).Returns(Result.Fail<Unit>(new Error(ConsentErrors.VersionConflict, "x")));
        var result = await new RecordConsent(_f.Factory, _f.Clock).ExecuteAsync(Command());
        Assert.Equal(ConsentErrors.VersionConflict, result.Error.Code);
        await _f.Audit.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
        await _f.Work.DidNotReceiveWithAnyArgs().CommitAsync(default);
    }

    [Fact]
    public async Task Both_an_end_and_days_are_rejected_before_touching_the_store()
    {
        var result = await new RecordConsent(_f.Factory, _f.Clock).ExecuteAsync(Command(days: 3, until: Now.AddDays(5)));
        Assert.Equal(ConsentErrors.PeriodInvalid, result.Error.Code);
        await _f.Factory.DidNotReceiveWithAnyArgs().BeginAsync(default);
    }

    [Fact]
    public async Task An_unknown_contact_is_rejected()
    {
        _f.Contacts.ExistsAsync(Contact, Arg.Any<CancellationToken>()).Returns(false);
        var result = await new RecordConsent(_f.Factory, _f.Clock).ExecuteAsync(Command());
        Assert.Equal(Rapport.Domain.Contacts.ContactErrors.NotFound, result.Error.Code);
        await _f.Consents.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
    }
}
