using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Models;

/// <summary>Reads the node's models: the cards, and one model decoded for scoring.</summary>
public sealed class ModelCatalog(IUnitOfWorkFactory unitOfWork)
{
    public async Task<IReadOnlyList<ModelCard>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        return await work.Models.ListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<ModelCard>> ShowAsync(ModelId id, CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var stored = await work.Models.FindAsync(id, cancellationToken).ConfigureAwait(false);
        return stored is null ? ModelErrors.Unknown(id) : stored.Card;
    }

    public async Task<Result<LoadedModel>> LoadAsync(ModelId id, CancellationToken cancellationToken = default)
    {
        await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var stored = await work.Models.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return ModelErrors.Unknown(id);
        }

        return LoadedModel.Decode(stored);
    }
}
