using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Models;

/// <summary>A stored model, read and decoded, ready to score.</summary>
public sealed record LoadedModel(ModelCard Card, LearnedModel Model);
