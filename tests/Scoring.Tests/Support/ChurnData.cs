using Rapport.Application.Scoring.Learning;
using Rapport.Application.Scoring.Tabular;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Adapters.Scoring.Tests.Support;

/// <summary>mlc_churn read once per test run, as labelled rows and as an encoded matrix.</summary>
internal static class ChurnData
{
    private static readonly Lazy<(TrainingSet Set, FeatureEncoding Encoding, TrainingMatrix Matrix)> Loaded = new(Load);

    public static TrainingSet Set => Loaded.Value.Set;

    public static FeatureEncoding Encoding => Loaded.Value.Encoding;

    public static TrainingMatrix Matrix => Loaded.Value.Matrix;

    private static (TrainingSet, FeatureEncoding, TrainingMatrix) Load()
    {
        var table = TestData.ReadTable(TestData.MlcChurn);
        var set = TabularTrainingSet.From(table, new TabularTrainingRequest("churn", "yes", [])).Value;
        var encoding = FeatureEncoding.Fit(set.Columns, set.Rows);
        return (set, encoding, new TrainingMatrix(set.Encode(encoding), encoding.Width, [.. set.Labels]));
    }
}
