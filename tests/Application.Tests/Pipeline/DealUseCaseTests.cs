using NSubstitute;
using Rapport.Application.Pipeline;
using Rapport.Application.Tests.Contacts;
using Rapport.Domain.Contacts;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Tests.Pipeline;

public sealed class DealUseCaseTests
{
    private readonly CrmHarness _h = new();
    private readonly SalesPipeline _pipeline;
    private readonly Contact _contact;

    public DealUseCaseTests()
    {
        _pipeline = SalesPipeline.Create(new PipelineId(Guid.NewGuid()), "Sales", [Stage.Parse("Lead:10").Value, Stage.Parse("Won:100").Value], CrmHarness.Now).Value;
        _contact = Contact.Create(new ContactId(Guid.NewGuid()), ContactDetails.Named(PersonName.Create("Ada").Value), CrmHarness.Now);
        _h.Pipelines.FindAsync("Sales", Arg.Any<CancellationToken>()).Returns(_pipeline);
        _h.Pipelines.GetAsync(_pipeline.Id, Arg.Any<CancellationToken>()).Returns(_pipeline);
        _h.Contacts.GetAsync(_contact.Id, Arg.Any<CancellationToken>()).Returns(_contact);
    }

    [Fact]
    public async Task Create_opens_in_first_stage_audits_and_commits()
    {
        var deal = await new CreateDeal(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new CreateDealRequest(_contact.Id, "Sales", "Licence", "1200.50", "eur", "2027-03-31"));
        Assert.Equal("Lead", deal.Value.Stage);
        Assert.Equal("EUR", deal.Value.Value.Currency.Code);
        await _h.Deals.Received(1).AddAsync(deal.Value, Arg.Any<CancellationToken>());
        var audit = Assert.Single(_h.Events);
        Assert.Equal("deal.created", audit.Action);
        Assert.Equal(_contact.Id.ToString(), audit.ContactId);
        await _h.CommittedAsync();
    }

    [Theory]
    [InlineData("Sales", "1,5", "EUR", null, "value")]
    [InlineData("Sales", "1", "XXX", null, "currency")]
    [InlineData("Sales", "1", "EUR", "2027-02-30", "close")]
    [InlineData("Nope", "1", "EUR", null, "pipeline")]
    public async Task Create_with_bad_input_fails_without_commit(string pipeline, string value, string currency, string? close, string field)
    {
        var deal = await new CreateDeal(_h.Factory, _h.Clock, _h.Ids).ExecuteAsync(new CreateDealRequest(_contact.Id, pipeline, "T", value, currency, close));
        Assert.Equal(field, deal.Error.Field);
        Assert.Empty(_h.Events);
        await _h.NotCommittedAsync();
    }

    [Fact]
    public async Task Move_then_win_and_closed_deals_cannot_change()
    {
        var deal = Deal.Open(new DealId(Guid.NewGuid()), _pipeline, _contact.Id, "T", Money.Parse("10", "EUR").Value, null, CrmHarness.Now).Value;
        _h.Deals.GetAsync(deal.Id, Arg.Any<CancellationToken>()).Returns(deal);
        var moved = await new MoveDeal(_h.Factory, _h.Clock).ExecuteAsync(deal.Id, "won");
        Assert.Equal("Won", moved.Value.Stage);
        Assert.Equal("from=Lead to=Won", _h.Events[^1].Detail);

        _h.Deals.GetAsync(deal.Id, Arg.Any<CancellationToken>()).Returns(moved.Value.Win(CrmHarness.Now).Value);
        var lose = await new LoseDeal(_h.Factory, _h.Clock).ExecuteAsync(deal.Id, "late");
        Assert.Equal(DealErrors.Closed, lose.Error.Code);
        Assert.Single(_h.Events);
        await _h.CommittedAsync(1);
    }

    [Fact]
    public async Task Unknown_deal_is_reported()
    {
        var result = await new WinDeal(_h.Factory, _h.Clock).ExecuteAsync(new DealId(Guid.NewGuid()));
        Assert.Equal(DealErrors.NotFound, result.Error.Code);
        await _h.NotCommittedAsync();
    }
}
