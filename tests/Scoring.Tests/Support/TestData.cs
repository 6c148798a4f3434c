using Rapport.Application.Scoring.Tabular;

namespace Rapport.Adapters.Scoring.Tests.Support;

/// <summary>The committed datasets (Data/README.md), copied next to the tests.</summary>
internal static class TestData
{
    public static string MlcChurn => Path.Combine(AppContext.BaseDirectory, "Data", "mlc_churn.csv");

    public static TabularData ReadTable(string path)
    {
        using var stream = File.OpenRead(path);
        return TableCsv.ReadAsync(stream).GetAwaiter().GetResult().Value;
    }
}
