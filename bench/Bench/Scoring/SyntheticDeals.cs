using Rapport.Domain.Scoring.Learning;

namespace Rapport.Bench.Scoring;

/// <summary>
/// Closed deals of synthetic contacts in the conversion model's columns (<see cref="DealFeatures.Columns"/>): plausible
/// distributions, and a deal won with a logistic chance of its engagement, history and age plus noise (about a third won).
/// </summary>
internal static class SyntheticDeals
{
    public static TrainingSet Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new IReadOnlyList<FeatureValue>[count];
        var labels = new bool[count];
        string[] currencies = ["EUR", "USD", "GBP", "CHF"];
        for (var i = 0; i < count; i++)
        {
            var meetings = Poisson(random, 1.5);
            var calls = Poisson(random, 2);
            var emails = Poisson(random, 4);
            var messages = Poisson(random, 1);
            var events = Poisson(random, 0.5);
            var interactions = meetings + calls + emails + messages + events;
            var recent = Math.Min(interactions, Poisson(random, 2));
            var age = random.NextDouble() * 180;
            var won = Poisson(random, 0.4);
            var lost = Poisson(random, 0.3);
            var completeness = random.Next(4) / 3.0;
            var node = random.NextDouble() < 0.2;
            var sinceLast = interactions == 0 ? double.NaN : random.NextDouble() * 60;
            var logit = -1.2 + (0.5 * meetings) + (0.15 * calls) + (0.6 * won) - (0.5 * lost) + (0.8 * completeness) - (age / 120)
                + (node ? 0.7 : 0) - (double.IsNaN(sinceLast) ? 0.5 : sinceLast / 40) + (random.NextDouble() - 0.5);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            rows[i] =
            [
                FeatureValue.Of(Math.Round(Math.Exp(5 + (random.NextDouble() * 4)), 2)),
                FeatureValue.Of(currencies[random.Next(currencies.Length)]),
                FeatureValue.Of(age),
                FeatureValue.Of(random.Next(0, 4)),
                FeatureValue.Of(interactions),
                FeatureValue.Of(calls),
                FeatureValue.Of(emails),
                FeatureValue.Of(meetings),
                FeatureValue.Of(messages),
                FeatureValue.Of(events),
                FeatureValue.Of(recent),
                FeatureValue.Of(sinceLast),
                interactions == 0 ? FeatureValue.Missing : FeatureValue.Of(events / (double)interactions),
                FeatureValue.Of(won),
                FeatureValue.Of(lost),
                FeatureValue.Of(completeness),
                FeatureValue.Of(random.Next(0, 5)),
                FeatureValue.Of(random.Next(0, 4)),
                FeatureValue.Of(node ? "yes" : "no"),
            ];
        }

        return new TrainingSet(DealFeatures.Columns, rows, labels);
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
