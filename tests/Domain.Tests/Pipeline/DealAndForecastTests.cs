using Rapport.Domain.Contacts;
using Rapport.Domain.Pipeline;

namespace Rapport.Domain.Tests.Pipeline;

public sealed class DealAndForecastTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ContactId Contact = new(Guid.NewGuid());

    private static SalesPipeline Pipeline(string name = "Sales") => SalesPipeline.Create(
        new PipelineId(Guid.NewGuid()), name, [Stage.Parse("Lead:10").Value, Stage.Parse("Proposal:50").Value, Stage.Parse("Won:100").Value], T0).Value;

    private static Deal Open(SalesPipeline p, string value, string currency, DateOnly? close) =>
        Deal.Open(new DealId(Guid.NewGuid()), p, Contact, "T", Money.Parse(value, currency).Value, close, T0).Value;

    [Fact]
    public void Money_never_mixes_currencies_and_validates_input()
    {
        var eur = Money.Parse("10.10", "eur").Value;
        Assert.Equal(20.20m, eur.Add(eur).Value.Amount);
        Assert.Equal(DealErrors.CurrencyMismatch, eur.Add(Money.Parse("1", "USD").Value).Error.Code);
        Assert.Equal("currency", Money.Parse("1", "EURO").Error.Field);
        Assert.Equal("value", Money.Parse("1e3", "EUR").Error.Field);
        Assert.Equal("value", Money.Parse("-1", "EUR").Error.Field);
        Assert.Equal("value", Money.Parse("0.00001", "EUR").Error.Field);
    }

    [Fact]
    public void Deal_keeps_full_stage_history_and_closes_once()
    {
        var p = Pipeline();
        var deal = Open(p, "100", "EUR", null);
        var moved = deal.MoveTo(p, "proposal", T0.AddDays(1)).Value.MoveTo(p, "Lead", T0.AddDays(2)).Value;
        Assert.Equal(["Lead", "Proposal", "Lead"], moved.History.Select(h => h.Stage));
        Assert.Equal(T0.AddDays(2), moved.History[^1].EnteredAt);
        Assert.Equal(DealErrors.StageUnknown, moved.MoveTo(p, "Nope", T0).Error.Code);
        Assert.Equal(DealErrors.StageSame, moved.MoveTo(p, "lead", T0).Error.Code);
        var lost = moved.Lose("budget", T0.AddDays(3)).Value;
        Assert.Equal(DealStatus.Lost, lost.Status);
        Assert.True(lost.Win(T0).IsFailure);
        Assert.True(lost.MoveTo(p, "Won", T0).IsFailure);
        Assert.True(moved.Lose(" ", T0).IsFailure);
    }

    [Fact]
    public void Pipeline_requires_distinct_stages_with_valid_probabilities()
    {
        Assert.True(Stage.Parse("Lead:101").IsFailure);
        Assert.True(Stage.Parse("Lead").IsFailure);
        Assert.True(SalesPipeline.Create(new PipelineId(Guid.NewGuid()), "P", [], T0).IsFailure);
        Assert.True(SalesPipeline.Create(new PipelineId(Guid.NewGuid()), "P", [Stage.Parse("A:1").Value, Stage.Parse("a:2").Value], T0).IsFailure);
    }

    [Fact]
    public void Forecast_weights_open_deals_per_pipeline_month_and_currency()
    {
        var sales = Pipeline();
        var other = Pipeline("Other");
        var a = Open(sales, "1000", "EUR", new DateOnly(2027, 3, 31)).MoveTo(sales, "Proposal", T0).Value;
        var b = Open(sales, "500.50", "EUR", new DateOnly(2027, 3, 1));
        var c = Open(sales, "200", "USD", new DateOnly(2027, 3, 15));
        var d = Open(sales, "999", "EUR", new DateOnly(2027, 3, 15)).Win(T0).Value;
        var e = Open(sales, "300", "EUR", null);
        var f = Open(other, "10", "EUR", new DateOnly(2027, 4, 2));
        var lines = Forecast.Compute([sales, other], [a, b, c, d, e, f]);
        Assert.Equal(4, lines.Count);
        var eurMarch = lines.Single(l => l.PipelineId == sales.Id && l.Month == new DateOnly(2027, 3, 1) && l.Currency.Code == "EUR");
        Assert.Equal(2, eurMarch.Deals);
        Assert.Equal(1500.50m, eurMarch.Total.Amount);
        Assert.Equal(550.05m, eurMarch.Weighted.Amount);
        Assert.Equal(20m, lines.Single(l => l.Currency.Code == "USD").Weighted.Amount);
        Assert.Null(lines.Single(l => l.PipelineId == sales.Id && l.Month is null).Month);
    }
}
