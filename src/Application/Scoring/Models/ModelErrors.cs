using Rapport.Domain.Common;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Models;

public static class ModelErrors
{
    public static Error Unknown(ModelId id) => new(ScoringErrors.ModelUnknown, $"No model {id} on this node; `rapport scoring models list` lists them.", "model");
}
