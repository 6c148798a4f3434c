using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rapport.Application.Scoring;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.ScoringService bound to <see cref="ScoreLead"/>: one audited score_lead decision per call.</summary>
public sealed class ScoringGrpcService(ScoreLead scoreLead) : ScoringService.ScoringServiceBase
{
    public override async Task<V1.Score> GetScore(GetScoreRequest request, ServerCallContext context) =>
        ToProto(request.Contact, await ScoreAsync(request, context).ConfigureAwait(false));

    public override async Task<V1.ScoreExplanation> ExplainScore(GetScoreRequest request, ServerCallContext context)
    {
        var scored = await ScoreAsync(request, context).ConfigureAwait(false);
        var explanation = new V1.ScoreExplanation { Score = ToProto(request.Contact, scored) };
        explanation.LeadComponents.Add(scored.Lead.Components.Select(ToProto));
        explanation.StrengthComponents.Add(scored.Strength.Components.Select(ToProto));
        foreach (var deal in scored.Deals)
        {
            var explained = deal.Explanation!;
            var proto = new DealExplanation { Score = ToProto(deal), Baseline = explained.Baseline };
            proto.Contributions.Add(explained.Contributions.Select(ToProto));
            proto.ReasonsUp.Add(explained.ReasonsUp.Select(ToProto));
            proto.ReasonsDown.Add(explained.ReasonsDown.Select(ToProto));
            explanation.Deals.Add(proto);
        }

        if (scored.Churn is { Explanation: { } why } churn)
        {
            var proto = new ChurnExplanation { Score = ToProto(churn), Baseline = why.Baseline };
            proto.Contributions.Add(why.Contributions.Select(ToProto));
            proto.ReasonsUp.Add(why.ReasonsUp.Select(ToProto));
            proto.ReasonsDown.Add(why.ReasonsDown.Select(ToProto));
            explanation.Churn = proto;
        }

        return explanation;
    }

    private async Task<ScoredContact> ScoreAsync(GetScoreRequest request, ServerCallContext context)
    {
        var contact = ResourceNames.ParseContact(request.Contact, "contact");
        var scored = await scoreLead.ExecuteAsync(contact, context.Actor(), context.CancellationToken).ConfigureAwait(false);
        return ErrorMapping.Unwrap(scored, ("contact", request.Contact));
    }

    private static V1.Score ToProto(string contact, ScoredContact scored)
    {
        var score = new V1.Score
        {
            Contact = contact,
            LeadScore = scored.Lead.Total,
            LeadClass = scored.Lead.Class.Name(),
            WeightsVersion = scored.Lead.WeightsVersion,
            RelationshipStrength = scored.Strength.Total,
            StrengthVersion = StrengthScore.Version,
            ComputeTime = Timestamp.FromDateTimeOffset(scored.Lead.At),
            Recommendation = scored.Lead.Recommendation,
        };
        score.Deals.Add(scored.Deals.Select(ToProto));
        if (scored.Churn is { } churn)
        {
            score.Churn = ToProto(churn);
        }

        return score;
    }

    private static ChurnScore ToProto(ChurnRisk churn) => new()
    {
        Model = ResourceNames.Model(churn.Model),
        Probability = churn.Score.Probability,
        RawScore = churn.Score.Raw,
    };

    private static DealScore ToProto(DealConversion deal) => new()
    {
        Deal = ResourceNames.Deal(deal.Deal),
        Title = deal.Title,
        Model = ResourceNames.Model(deal.Model),
        Probability = deal.Score.Probability,
        RawScore = deal.Score.Raw,
    };

    private static V1.ScoreComponent ToProto(Domain.Scoring.ScoreComponent component) => new()
    {
        Name = component.Name,
        Weight = component.Weight,
        Value = component.Value,
        Contribution = component.Contribution,
        Explanation = component.Explanation,
    };

    private static Contribution ToProto(ColumnContribution contribution) => new()
    {
        Column = contribution.Column,
        Value = contribution.Value.ToString(),
        Amount = contribution.Amount,
    };
}
