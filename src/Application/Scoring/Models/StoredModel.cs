using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Models;

/// <summary>A model as the store keeps it: its card and its bytes.</summary>
public sealed record StoredModel(ModelCard Card, byte[] Model);
