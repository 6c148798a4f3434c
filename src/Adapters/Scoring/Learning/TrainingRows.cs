using Microsoft.ML;
using Microsoft.ML.Data;
using Rapport.Application.Scoring.Learning;

namespace Rapport.Adapters.Scoring.Learning;

/// <summary>The rows of a <see cref="TrainingMatrix"/> as ML.NET data views: all of them, or those in or out of a fold.</summary>
internal sealed class TrainingRows(MLContext ml, TrainingMatrix matrix)
{
    private readonly SchemaDefinition _schema = SchemaFor(matrix.Width);
    private readonly TrainingRow[] _rows = Enumerable.Range(0, matrix.Rows)
        .Select(r => new TrainingRow { Label = matrix.Labels[r], Features = matrix.Row(r).ToArray() })
        .ToArray();

    public IDataView All() => ml.Data.LoadFromEnumerable(_rows, _schema);

    public IDataView Where(Func<int, bool> keep) => ml.Data.LoadFromEnumerable(_rows.Where((_, r) => keep(r)).ToArray(), _schema);

    private static SchemaDefinition SchemaFor(int width)
    {
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }
}
