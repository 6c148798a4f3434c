using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Learning;

/// <summary>A model just trained: its card, the model and its stored bytes (whose hash the card holds).</summary>
public sealed record TrainedModel(ModelCard Card, LearnedModel Model, byte[] Bytes);
