using NSubstitute;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Consent;
using Rapport.Application.Contacts;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Tests.Consent;

/// <summary>A unit of work over substitute stores, with a fixed clock.</summary>
internal sealed class Fixture
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly ContactId Contact = new(Guid.Parse("0194a3b2c1d04e5f8a9b0c1d2e3f4a5b"));
    public static readonly ConsentSource Form = new ConsentSource.Collected(CollectionChannel.Form, "web");

    public Fixture()
    {
        Work.Consents.Returns(Consents);
        Work.Audit.Returns(Audit);
        Work.Contacts.Returns(Contacts);
        Contacts.ExistsAsync(Arg.Any<ContactId>(), Arg.Any<CancellationToken>()).Returns(true);
        Factory.BeginAsync(Arg.Any<CancellationToken>()).Returns(Work);
        Factory.BeginReadAsync(Arg.Any<CancellationToken>()).Returns(Work);
        Journal.When(j => j.RecordAsync(Arg.Any<IReadOnlyList<AuditEvent>>(), Arg.Any<CancellationToken>())).Do(c => Journaled.AddRange(c.Arg<IReadOnlyList<AuditEvent>>()));
        Clock.UtcNow.Returns(Now);
        Consents.AppendAsync(Arg.Any<ConsentGrant>(), Arg.Any<CancellationToken>()).Returns(Result.Ok());
        Consents.CurrentAsync(Arg.Any<ContactId>(), Arg.Any<CancellationToken>()).Returns(Array.Empty<ConsentGrant>());
    }

    public IUnitOfWorkFactory Factory { get; } = Substitute.For<IUnitOfWorkFactory>();
    public IUnitOfWork Work { get; } = Substitute.For<IUnitOfWork>();
    public IConsentStore Consents { get; } = Substitute.For<IConsentStore>();
    public IAuditStore Audit { get; } = Substitute.For<IAuditStore>();
    public IContactStore Contacts { get; } = Substitute.For<IContactStore>();
    public IClock Clock { get; } = Substitute.For<IClock>();

    public IAuditJournal Journal { get; } = Substitute.For<IAuditJournal>();

    /// <summary>What read use cases had the journal make durable.</summary>
    public List<AuditEvent> Journaled { get; } = [];

    public static ConsentGrant Granted(string purpose, DateTimeOffset? until = null) =>
        ConsentGrant.Issue(null, Contact, Purpose.Parse(purpose).Value, LegalBasis.Consent, Form, [], Now.AddDays(-10), null, until).Value;
}
