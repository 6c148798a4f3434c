using Rapport.Domain.Scoring.Learning;

namespace Rapport.Domain.Tests.Scoring.Learning;

public sealed class FeatureEncodingTests
{
    [Fact]
    public void A_numeric_column_is_standardised_and_a_missing_value_reads_as_the_mean_with_a_flag()
    {
        var encoding = FeatureEncoding.Fit(
            [new FeatureColumn("x", ColumnKind.Numeric)],
            [[FeatureValue.Of(1)], [FeatureValue.Of(3)], [FeatureValue.Missing]]);

        Assert.Equal(2, encoding.Width);
        Assert.Equal([-0.70710677f, 0f], encoding.Encode([FeatureValue.Of(1)]));
        Assert.Equal([0f, 1f], encoding.Encode([FeatureValue.Missing]));
        Assert.Equal("x is missing", encoding.FeatureName(1));
    }

    [Fact]
    public void A_column_without_missing_values_gets_no_flag_and_a_constant_column_no_division_by_zero()
    {
        var encoding = FeatureEncoding.Fit([new FeatureColumn("x", ColumnKind.Numeric)], [[FeatureValue.Of(4)], [FeatureValue.Of(4)]]);

        Assert.Equal(1, encoding.Width);
        Assert.Equal([1f], encoding.Encode([FeatureValue.Of(5)]));
    }

    [Fact]
    public void A_categorical_column_is_one_hot_by_frequency_then_name_and_an_unseen_category_sets_nothing()
    {
        var encoding = FeatureEncoding.Fit(
            [new FeatureColumn("plan", ColumnKind.Categorical), new FeatureColumn("n", ColumnKind.Numeric)],
            [
                [FeatureValue.Of("b"), FeatureValue.Of(1)],
                [FeatureValue.Of("a"), FeatureValue.Of(2)],
                [FeatureValue.Of("c"), FeatureValue.Of(3)],
                [FeatureValue.Of("c"), FeatureValue.Of(4)],
            ]);

        Assert.Equal(["plan=c", "plan=a", "plan=b", "n"], Enumerable.Range(0, encoding.Width).Select(encoding.FeatureName));
        Assert.Equal(0, encoding.ColumnOf(2));
        Assert.Equal(1, encoding.ColumnOf(3));
        Assert.Equal([0f, 0f, 0f], encoding.Encode([FeatureValue.Of("z"), FeatureValue.Of(2.5)])[..3]);
        Assert.Equal([0f, 1f, 0f], encoding.Encode([FeatureValue.Of("a"), FeatureValue.Of(2.5)])[..3]);
    }

    [Fact]
    public void A_categorical_column_keeps_its_most_frequent_categories_only()
    {
        var rows = Enumerable.Range(0, 250)
            .Select(i => (IReadOnlyList<FeatureValue>)[FeatureValue.Of($"v{i % 150}")])
            .ToArray();

        var encoding = FeatureEncoding.Fit([new FeatureColumn("v", ColumnKind.Categorical)], rows);

        Assert.Equal(CategoricalColumnEncoding.MaxCategories, encoding.Width);
        Assert.Equal("v=v0", encoding.FeatureName(0));
    }
}
