using Rapport.Application.Common;
using Rapport.Application.Scoring.Models;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring;

/// <summary>The node's newest model of each task it scores contacts with, decoded once per use case; none before it is trained.</summary>
public sealed record NodeModels(LoadedModel? Conversion, LoadedModel? Churn)
{
    public static async Task<Result<NodeModels>> LoadAsync(IReadUnitOfWork work, CancellationToken cancellationToken)
    {
        var conversion = await LatestAsync(work, ModelTask.Conversion, cancellationToken).ConfigureAwait(false);
        if (conversion.IsFailure)
        {
            return conversion.Error;
        }

        var churn = await LatestAsync(work, ModelTask.Churn, cancellationToken).ConfigureAwait(false);
        return churn.IsFailure ? churn.Error : new NodeModels(conversion.Value, churn.Value);
    }

    private static async Task<Result<LoadedModel?>> LatestAsync(IReadUnitOfWork work, ModelTask task, CancellationToken cancellationToken)
    {
        var stored = await work.Models.LatestAsync(task, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Result<LoadedModel?>.Success(null);
        }

        var decoded = LoadedModel.Decode(stored);
        return decoded.IsFailure ? decoded.Error : decoded.Value;
    }
}
