using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Models;

/// <summary>The node's trained models: each card with the model's stored bytes (<see cref="Domain.Scoring.Learning.Encoding.LearnedModelCodec"/>).</summary>
public interface IModelStore
{
    Task AddAsync(ModelCard card, byte[] model, CancellationToken cancellationToken = default);

    /// <summary>Every model's card, newest first.</summary>
    Task<IReadOnlyList<ModelCard>> ListAsync(CancellationToken cancellationToken = default);

    Task<StoredModel?> FindAsync(ModelId id, CancellationToken cancellationToken = default);

    /// <summary>The newest model of <paramref name="task"/>, if any: the one the node scores with.</summary>
    Task<StoredModel?> LatestAsync(ModelTask task, CancellationToken cancellationToken = default);
}
