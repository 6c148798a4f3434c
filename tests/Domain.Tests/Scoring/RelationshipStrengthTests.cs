using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;
using Rapport.Domain.Scoring;

namespace Rapport.Domain.Tests.Scoring;

public sealed class RelationshipStrengthTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContactId Ada = new(Guid.Parse("0000000000000000000000000000000a"));

    [Fact]
    public void No_history_is_no_strength()
    {
        var strength = RelationshipStrength.Score([], Now);

        Assert.Equal(0, strength.Total);
        Assert.Equal(["recency", "frequency", "reciprocity", "shared_record", "tenure"], strength.Components.Select(c => c.Name));
        Assert.Equal(100, strength.Components.Sum(c => c.Weight));
    }

    [Fact]
    public void Recency_halves_every_thirty_days_and_what_comes_after_the_instant_is_ignored()
    {
        var strength = RelationshipStrength.Score([Logged(Now.AddDays(-30)), Logged(Now.AddDays(3))], Now);

        Assert.Equal(0.5, Component(strength, "recency").Value, 9);
        Assert.Equal(1 - Math.Exp(-1 / 6.0), Component(strength, "frequency").Value, 9);
    }

    [Fact]
    public void Reciprocity_is_full_when_both_sides_start_as_many_and_nothing_when_one_side_does_all()
    {
        var even = RelationshipStrength.Score([Logged(Now.AddDays(-2)), Logged(Now.AddDays(-1), "peer:12D3KooWx")], Now);
        var oneSided = RelationshipStrength.Score([Logged(Now.AddDays(-2)), Logged(Now.AddDays(-1))], Now);

        Assert.Equal(1, Component(even, "reciprocity").Value, 9);
        Assert.Equal(0, Component(oneSided, "reciprocity").Value);
        Assert.True(even.Total > oneSided.Total);
    }

    [Fact]
    public void A_long_busy_balanced_relationship_with_an_active_shared_record_nears_the_top_and_never_passes_it()
    {
        var timeline = Enumerable.Range(0, 400)
            .Select(d => d % 2 == 0 ? Logged(Now.AddDays(-d * 2)) : Event(Now.AddDays(-d * 2)))
            .ToList();

        var strength = RelationshipStrength.Score(timeline, Now, new SharedRecordActivity(Now.AddDays(-1), Now.AddHours(-2)));

        Assert.InRange(strength.Total, 95, 100);
        Assert.Equal(1, Component(strength, "tenure").Value);
        Assert.Equal(strength.Total, strength.Components.Sum(c => c.Contribution), 9);
    }

    [Fact]
    public void The_shared_record_counts_both_sides_each_by_how_recently_it_wrote()
    {
        var both = RelationshipStrength.Score([], Now, new SharedRecordActivity(Now, Now.AddDays(-30)));
        var businessOnly = RelationshipStrength.Score([], Now, new SharedRecordActivity(Now, null));
        var none = RelationshipStrength.Score([], Now);

        Assert.Equal(0.75, Component(both, "shared_record").Value, 9);
        Assert.Equal(0.5, Component(businessOnly, "shared_record").Value, 9);
        Assert.Equal(0, Component(none, "shared_record").Value);
        Assert.Contains("the customer never", Component(businessOnly, "shared_record").Explanation, StringComparison.Ordinal);
    }

    private static ScoreComponent Component(StrengthScore score, string name) => score.Components.Single(c => c.Name == name);

    private static Interaction Logged(DateTimeOffset at, string author = "cli") =>
        Interaction.Restore(new InteractionId(Guid.NewGuid()), Ada, InteractionType.Call, "call", null, at, null, author);

    private static Interaction Event(DateTimeOffset at) =>
        Interaction.Restore(new InteractionId(Guid.NewGuid()), Ada, InteractionType.PlatformEvent, "shared update", null, at, null, "peer:12D3KooWx");
}
