using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;
using Rapport.Domain.Pipeline;
using Rapport.Domain.Scoring;

namespace Rapport.Domain.Tests.Scoring;

/// <summary>The rule-based lead score: each component, the clamp, the class, and contributions that add up.</summary>
public sealed class LeadScoringTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContactId Id = new(Guid.Parse("01a24c6449b176929dcc315fcfa5bd1b"));

    private static Contact Person(bool email = false, bool phone = false, bool company = false, int customFields = 0)
    {
        var details = ContactDetails.Named(PersonName.Create("Ada Lovelace").Value) with
        {
            Email = email ? EmailAddress.Create("ada@example.org").Value : null,
            Phone = phone ? PhoneNumber.Create("+44 20 7946 0000").Value : null,
            Company = company ? CompanyName.Create("Analytical Engines").Value : null,
            Fields = CustomFields.Of(Enumerable.Range(0, customFields).Select(i => CustomField.Parse($"f{i}=text:x").Value)),
        };
        return Contact.Create(Id, details, Now.AddYears(-1));
    }

    private static Interaction Did(InteractionType type, double daysAgo) =>
        Interaction.Restore(new InteractionId(Guid.NewGuid()), Id, type, "talked", null, Now.AddDays(-daysAgo), null, "cli");

    private static LeadScore Score(Contact contact, IEnumerable<Interaction> interactions, Qualification qualification, LeadScoreWeights? weights = null) =>
        LeadScoring.Score(contact, interactions, qualification, weights ?? LeadScoreWeights.Default, Now);

    private static ScoreComponent Component(LeadScore score, string name) => score.Components.Single(c => c.Name == name);

    [Fact]
    public void The_qualification_is_read_from_the_deals()
    {
        Deal DealThat(DealOutcome? outcome) => Deal.Restore(
            new DealId(Guid.NewGuid()), new PipelineId(Guid.NewGuid()), Id, "renewal", Money.Parse("100", "EUR").Value, null,
            [new StageEntry("lead", Now.AddDays(-30))], outcome, Now.AddDays(-30));
        var won = DealThat(new DealWon(Now.AddDays(-1)));
        var lost = DealThat(new DealLost(Now.AddDays(-2), "price"));
        var open = DealThat(null);

        Assert.Equal(Qualification.Lead, Qualifications.Of([]));
        Assert.Equal(Qualification.Lost, Qualifications.Of([lost]));
        Assert.Equal(Qualification.Opportunity, Qualifications.Of([lost, open]));
        Assert.Equal(Qualification.Customer, Qualifications.Of([open, lost, won]));
    }

    [Theory]
    [InlineData(Qualification.Customer, 1.0)]
    [InlineData(Qualification.Opportunity, 0.8)]
    [InlineData(Qualification.Lead, 0.3)]
    [InlineData(Qualification.Lost, 0.1)]
    public void Qualification_follows_the_pipeline(Qualification qualification, double value) =>
        Assert.Equal(value, Component(Score(Person(), [], qualification), "qualification").Value, 6);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(2, 0.4)]
    [InlineData(5, 1.0)]
    [InlineData(9, 1.0)]
    public void Recent_activity_counts_the_last_30_days_and_saturates(int recent, double value)
    {
        var interactions = Enumerable.Range(0, recent).Select(i => Did(InteractionType.Email, 1 + i)).Append(Did(InteractionType.Email, 45));

        Assert.Equal(value, Component(Score(Person(), interactions, Qualification.Lead), "recent_activity").Value, 6);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(14, 0.5)]
    [InlineData(28, 0.25)]
    public void Freshness_halves_every_14_days(double daysAgo, double value) =>
        Assert.Equal(value, Component(Score(Person(), [Did(InteractionType.Call, daysAgo)], Qualification.Lead), "freshness").Value, 6);

    [Fact]
    public void Without_any_interaction_there_is_no_freshness_and_the_future_does_not_count()
    {
        var score = Score(Person(), [Did(InteractionType.Meeting, -3)], Qualification.Lead);

        Assert.Equal(0, Component(score, "freshness").Value);
        Assert.Equal(0, Component(score, "engagement").Value);
        Assert.Equal("no interaction yet", Component(score, "freshness").Explanation);
    }

    [Fact]
    public void Completeness_is_the_share_of_email_phone_and_company_known()
    {
        Assert.Equal(0, Component(Score(Person(), [], Qualification.Lead), "profile_completeness").Value, 6);
        Assert.Equal(2 / 3.0, Component(Score(Person(email: true, company: true), [], Qualification.Lead), "profile_completeness").Value, 6);
        Assert.Equal(1, Component(Score(Person(true, true, true), [], Qualification.Lead), "profile_completeness").Value, 6);
    }

    [Fact]
    public void Engagement_weighs_interactions_by_kind_over_90_days()
    {
        // meeting 3 + call 2 + email 1 + platform event 0.5 = 6.5 points; the one 100 days ago does not count.
        var interactions = new[] { Did(InteractionType.Meeting, 5), Did(InteractionType.Call, 10), Did(InteractionType.Email, 20), Did(InteractionType.PlatformEvent, 30), Did(InteractionType.Meeting, 100) };

        var engagement = Component(Score(Person(), interactions, Qualification.Lead), "engagement");

        Assert.Equal(1 - Math.Exp(-0.65), engagement.Value, 6);
        Assert.Contains("6.5 points", engagement.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 1 / 3.0)]
    [InlineData(3, 1.0)]
    [InlineData(7, 1.0)]
    public void Custom_fields_saturate_at_three(int count, double value) =>
        Assert.Equal(value, Component(Score(Person(customFields: count), [], Qualification.Lead), "custom_fields").Value, 6);

    [Fact]
    public void Contributions_add_up_to_the_score_and_every_component_is_explained()
    {
        var score = Score(Person(true, false, true, 1), [Did(InteractionType.Meeting, 2), Did(InteractionType.Call, 9)], Qualification.Opportunity);

        Assert.Equal(6, score.Components.Count);
        Assert.Equal(score.RawTotal, score.Components.Sum(c => c.Contribution), 9);
        Assert.Equal(score.Total, score.RawTotal, 9);
        Assert.All(score.Components, c => Assert.False(string.IsNullOrWhiteSpace(c.Explanation)));
        Assert.DoesNotContain(score.Components, c => c.Explanation.Contains("Ada", StringComparison.Ordinal) || c.Explanation.Contains("example.org", StringComparison.Ordinal));
        Assert.Equal(LeadScoreWeights.Default.Version, score.WeightsVersion);
    }

    [Fact]
    public void A_score_is_clamped_to_100_when_the_weights_add_up_to_more()
    {
        var heavy = LeadScoreWeights.Create(2, 100, 100, 100, 100, 100, 100).Value;
        var best = Score(Person(true, true, true, 3), Enumerable.Range(0, 10).Select(i => Did(InteractionType.Meeting, 0)), Qualification.Customer, heavy);

        Assert.True(best.RawTotal > 100);
        Assert.Equal(100, best.Total);
        Assert.Equal(LeadClass.Hot, best.Class);
        Assert.StartsWith("act now", best.Recommendation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, LeadClass.Cold)]
    [InlineData(24.99, LeadClass.Cold)]
    [InlineData(25, LeadClass.Cool)]
    [InlineData(50, LeadClass.Warm)]
    [InlineData(75, LeadClass.Hot)]
    [InlineData(100, LeadClass.Hot)]
    public void The_class_follows_the_bands(double score, LeadClass expected) => Assert.Equal(expected, LeadClasses.Of(score));

    [Fact]
    public void A_cold_lead_is_told_where_the_most_room_is()
    {
        var score = Score(Person(), [], Qualification.Lead);

        Assert.Equal(LeadClass.Cold, score.Class);
        Assert.Equal(7.5, score.Total, 6);
        Assert.Equal("no action yet; most room in recent_activity", score.Recommendation);
    }

    [Theory]
    [InlineData(0, 1, 1, 1, 1, 1, 1)]
    [InlineData(1, -1, 1, 1, 1, 1, 1)]
    [InlineData(1, 101, 1, 1, 1, 1, 1)]
    [InlineData(1, double.NaN, 1, 1, 1, 1, 1)]
    [InlineData(1, 0, 0, 0, 0, 0, 0)]
    public void Weights_out_of_range_are_refused(int version, double q, double r, double f, double c, double e, double x) =>
        Assert.Equal(ScoringErrors.WeightsInvalid, LeadScoreWeights.Create(version, q, r, f, c, e, x).Error.Code);
}
