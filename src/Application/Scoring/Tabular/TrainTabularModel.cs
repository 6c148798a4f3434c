using Rapport.Application.Common;
using Rapport.Application.Scoring.Learning;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Tabular;

/// <summary>
/// <c>rapport scoring train --csv</c>: learns a model of one column of an imported table from the others, reports its
/// cross-validated metrics and keeps it with its card. A table that cannot be learned from is refused before anything
/// is written. The rows are the file's, not the node's contacts: no consent is decided, and the audit records only
/// the card (hashes and metrics).
/// </summary>
public sealed class TrainTabularModel(ModelTraining training, IUnitOfWorkFactory unitOfWork)
{
    public async Task<Result<ModelCard>> ExecuteAsync(Stream csv, TabularTrainingRequest request, string actor, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var table = await TableCsv.ReadAsync(csv, cancellationToken).ConfigureAwait(false);
        if (table.IsFailure)
        {
            return table.Error;
        }

        var options = new LearningOptions(Seed: request.Seed);
        var set = TabularTrainingSet.From(table.Value, request, options.Folds);
        if (set.IsFailure)
        {
            return set.Error;
        }

        var trained = await training.TrainAsync(set.Value, ModelTask.Tabular, $"{request.Label} = {request.Positive}", options, progress, cancellationToken).ConfigureAwait(false);
        await ModelTraining.KeepAsync(unitOfWork, trained, actor, cancellationToken).ConfigureAwait(false);

        return trained.Card;
    }
}
