using Rapport.Domain.Common;
using Rapport.Domain.Scoring.Learning;
using Rapport.Domain.Scoring.Learning.Encoding;

namespace Rapport.Application.Scoring.Models;

/// <summary>A stored model, read and decoded, ready to score.</summary>
public sealed record LoadedModel(ModelCard Card, LearnedModel Model)
{
    /// <summary>Decodes a stored model; a corrupt one is <see cref="Domain.Scoring.ScoringErrors.ModelCorrupt"/>.</summary>
    public static Result<LoadedModel> Decode(StoredModel stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return LearnedModelCodec.Decode(stored.Model).Map(model => new LoadedModel(stored.Card, model));
    }
}
