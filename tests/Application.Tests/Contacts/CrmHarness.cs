using NSubstitute;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Application.Interactions;
using Rapport.Application.Pipeline;
using Rapport.Domain.Audit;

namespace Rapport.Application.Tests.Contacts;

/// <summary>Substitutes for the ports of one unit of work, recording audit events.</summary>
public sealed class CrmHarness
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private int _nextId;

    public CrmHarness()
    {
        UnitOfWork.Audit.Returns(Audit);
        UnitOfWork.Contacts.Returns(Contacts);
        UnitOfWork.Interactions.Returns(Interactions);
        UnitOfWork.Pipelines.Returns(Pipelines);
        UnitOfWork.Deals.Returns(Deals);
        Factory.BeginAsync(Arg.Any<CancellationToken>()).Returns(UnitOfWork);
        Factory.BeginReadAsync(Arg.Any<CancellationToken>()).Returns(UnitOfWork);
        Journal.When(j => j.RecordAsync(Arg.Any<IReadOnlyList<AuditEvent>>(), Arg.Any<CancellationToken>())).Do(c => Events.AddRange(c.Arg<IReadOnlyList<AuditEvent>>()));
        Clock.UtcNow.Returns(Now);
        Ids.NewId().Returns(_ => new Guid(++_nextId, 0, 0, new byte[8]));
        Audit.When(a => a.AppendAsync(Arg.Any<AuditEvent>(), Arg.Any<CancellationToken>())).Do(c => Events.Add(c.Arg<AuditEvent>()));
        Audit.When(a => a.AppendRangeAsync(Arg.Any<IReadOnlyList<AuditEvent>>(), Arg.Any<CancellationToken>())).Do(c => Events.AddRange(c.Arg<IReadOnlyList<AuditEvent>>()));
        Contacts.ExistingEmailsAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(new HashSet<string>());
    }

    public IUnitOfWorkFactory Factory { get; } = Substitute.For<IUnitOfWorkFactory>();

    public IUnitOfWork UnitOfWork { get; } = Substitute.For<IUnitOfWork>();

    public IAuditStore Audit { get; } = Substitute.For<IAuditStore>();

    public IContactStore Contacts { get; } = Substitute.For<IContactStore>();

    public IInteractionStore Interactions { get; } = Substitute.For<IInteractionStore>();

    public IPipelineStore Pipelines { get; } = Substitute.For<IPipelineStore>();

    public IDealStore Deals { get; } = Substitute.For<IDealStore>();

    public IClock Clock { get; } = Substitute.For<IClock>();

    /// <summary>Where read use cases audit their decisions; recorded into <see cref="Events"/> too.</summary>
    public IAuditJournal Journal { get; } = Substitute.For<IAuditJournal>();

    public IIdGenerator Ids { get; } = Substitute.For<IIdGenerator>();

    public List<AuditEvent> Events { get; } = [];

    public Task CommittedAsync(int times = 1) => UnitOfWork.Received(times).CommitAsync(Arg.Any<CancellationToken>());

    public Task NotCommittedAsync() => UnitOfWork.DidNotReceive().CommitAsync(Arg.Any<CancellationToken>());
}
