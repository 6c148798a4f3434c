using Google.Protobuf;
using Grpc.Core;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Application.Pipeline;
using Rapport.Domain.Contacts;
using Rapport.Domain.Scoring.Learning;
using Rapport.Domain.Scoring.Learning.Encoding;
using Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Tests.Rapport;

/// <summary>rapport.v1.ScoringService against a real node store, with a conversion model stored as the node keeps one.</summary>
public sealed class ScoringServiceTests(PartnerApiFixture api) : IClassFixture<PartnerApiFixture>
{
    [Fact]
    public async Task An_open_deal_is_scored_with_the_stored_model_and_every_contribution_adds_up_to_its_raw_score()
    {
        var model = await StoreConversionModelAsync();
        var contact = ContactId.TryParse(api.Consenting["contacts/".Length..], out var id) ? id : throw new InvalidOperationException();
        var deal = await api.Get<CreateDeal>().ExecuteAsync(new Application.Pipeline.CreateDealRequest(contact, "sales", "Pilot", "2500", "EUR"));
        Assert.True(deal.IsSuccess, deal.ToString());

        var scored = await CallAsync("rapport.v1.ScoringService/GetScore", new GetScoreRequest { Contact = api.Consenting }, api.FullKey);
        var explained = await CallAsync("rapport.v1.ScoringService/ExplainScore", new GetScoreRequest { Contact = api.Consenting }, api.FullKey);

        Assert.Equal(StatusCode.OK, scored.Status);
        var score = Score.Parser.ParseFrom(scored.Messages.Single());
        Assert.Equal(api.Consenting, score.Contact);
        Assert.InRange(score.LeadScore, 0, 100);
        Assert.InRange(score.RelationshipStrength, 0, 100);
        var dealScore = Assert.Single(score.Deals);
        Assert.Equal($"deals/{deal.Value.Id}", dealScore.Deal);
        Assert.Equal($"models/{model.Card.Id}", dealScore.Model);

        Assert.Equal(StatusCode.OK, explained.Status);
        var explanation = global::Rapport.Protocol.V1.ScoreExplanation.Parser.ParseFrom(explained.Messages.Single());
        Assert.Equal(6, explanation.LeadComponents.Count);
        Assert.Equal(explanation.Score.LeadScore, Math.Clamp(explanation.LeadComponents.Sum(c => c.Contribution), 0, 100), 9);
        Assert.Equal(5, explanation.StrengthComponents.Count);
        var dealExplanation = Assert.Single(explanation.Deals);
        Assert.Equal(DealFeatures.Columns.Length, dealExplanation.Contributions.Count);
        Assert.Equal(dealExplanation.Score.RawScore, dealExplanation.Baseline + dealExplanation.Contributions.Sum(c => c.Amount), 1e-9);
        Assert.Equal(1 / (1 + Math.Exp(-dealExplanation.Score.RawScore)), dealExplanation.Score.Probability, 9);
        Assert.Equal(dealScore.Probability, dealExplanation.Score.Probability, 9);
        Assert.All(dealExplanation.ReasonsUp, r => Assert.True(r.Amount > 0));
        Assert.All(dealExplanation.ReasonsDown, r => Assert.True(r.Amount < 0));
    }

    [Fact]
    public async Task A_customer_gets_a_churn_risk_from_the_stored_churn_model_explained()
    {
        var churn = await StoreModelAsync(ModelTask.Churn, ChurnFeatures.Columns, "days_since_interaction");
        var contact = ContactId.TryParse(api.Consenting["contacts/".Length..], out var id) ? id : throw new InvalidOperationException();
        var deal = await api.Get<CreateDeal>().ExecuteAsync(new Application.Pipeline.CreateDealRequest(contact, "sales", "Licence", "900", "EUR"));
        Assert.True((await api.Get<WinDeal>().ExecuteAsync(deal.Value.Id)).IsSuccess);

        var scored = Score.Parser.ParseFrom((await CallAsync("rapport.v1.ScoringService/GetScore", new GetScoreRequest { Contact = api.Consenting }, api.FullKey)).Messages.Single());
        var explained = global::Rapport.Protocol.V1.ScoreExplanation.Parser.ParseFrom(
            (await CallAsync("rapport.v1.ScoringService/ExplainScore", new GetScoreRequest { Contact = api.Consenting }, api.FullKey)).Messages.Single());

        Assert.Equal($"models/{churn.Card.Id}", scored.Churn.Model);
        Assert.InRange(scored.Churn.Probability, 0, 1);
        Assert.Equal(ChurnFeatures.Columns.Length, explained.Churn.Contributions.Count);
        Assert.Equal(explained.Churn.Score.RawScore, explained.Churn.Baseline + explained.Churn.Contributions.Sum(c => c.Amount), 1e-9);
    }

    [Fact]
    public async Task A_key_without_scores_read_is_refused_before_anything_is_decided()
    {
        var response = await CallAsync("rapport.v1.ScoringService/GetScore", new GetScoreRequest { Contact = api.Consenting }, api.ReaderKey);

        Assert.Equal(StatusCode.PermissionDenied, response.Status);
        Assert.Equal("SCOPE_MISSING", response.StatusDetails!.Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>().Reason);
    }

    [Fact]
    public async Task A_malformed_contact_name_is_an_invalid_argument()
    {
        var response = await CallAsync("rapport.v1.ScoringService/ExplainScore", new GetScoreRequest { Contact = "people/1" }, api.FullKey);

        Assert.Equal(StatusCode.InvalidArgument, response.Status);
    }

    private Task<(ModelCard Card, LearnedModel Model)> StoreConversionModelAsync() => StoreModelAsync(ModelTask.Conversion, DealFeatures.Columns, "meetings");

    // A small model over a task's columns: two trees, on the first column and on another one.
    private async Task<(ModelCard Card, LearnedModel Model)> StoreModelAsync(ModelTask task, System.Collections.Immutable.ImmutableArray<FeatureColumn> columns, string second)
    {
        var random = new Random(4);
        var rows = Enumerable.Range(0, 40)
            .Select(i => (IReadOnlyList<FeatureValue>)[.. columns.Select((c, n) => c.Kind == ColumnKind.Numeric
                ? FeatureValue.Of(Math.Round(random.NextDouble() * (n == 0 ? 50 : 10), 1))
                : FeatureValue.Of(i % 3 == 0 ? "yes" : "no"))])
            .ToList();
        var encoding = FeatureEncoding.Fit(columns, rows);
        var matrix = new TrainingSet(columns, rows, [.. rows.Select((_, i) => i % 2 == 0)]).Encode(encoding);
        var other = Enumerable.Range(0, encoding.Width).First(f => encoding.FeatureName(f) == second);
        var value = new DecisionTree([0], [0f], [~0], [~1], [-0.8, 0.9], [0], [0, 0]);
        var engaged = new DecisionTree([other], [0.2f], [~0], [~1], [-0.3, 0.4], [0], [0, 0]);
        var trees = new TreeEnsemble([value, engaged], [1.0, 1.0], 0.1).CoveredBy(matrix, encoding.Width);
        var model = new LearnedModel(Learner.FastTree, encoding, trees, new PlattCalibration(-1, 0));
        var bytes = LearnedModelCodec.Encode(model);
        var card = new ModelCard(
            new ModelId(Guid.NewGuid()), task, Learner.FastTree, task.ToString(), columns,
            "bafkreidata", LearnedModelCodec.HashOf(encoding).ToString(), LearnedModelCodec.HashOf(bytes).ToString(),
            new ModelMetrics(0.8, 0.7, 0.6, 5), [new CandidateResult(Learner.FastTree, new ModelMetrics(0.8, 0.7, 0.6, 5))],
            rows.Count, 20, 1, TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow);
        await using var work = await api.Factory.BeginAsync();
        await work.Models.AddAsync(card, bytes);
        await work.CommitAsync();
        return (card, model);
    }

    private Task<RawGrpcResponse> CallAsync(string method, IMessage request, string key) =>
        api.Client.UnaryAsync("/" + method, request, r => r.Headers.TryAddWithoutValidation("authorization", $"Bearer {key}"));
}
