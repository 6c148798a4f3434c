namespace Rapport.Application.Scoring.Cache;

/// <summary>Which score a cached value is.</summary>
public enum ScoreKind
{
    /// <summary>The rule-based lead score, 0–100; its version is the weights version.</summary>
    Lead,

    /// <summary>An open deal's learned chance of being won, 0–1; its version is the model's id.</summary>
    Conversion,

    /// <summary>The relationship strength, 0–100; its version is "strength v1".</summary>
    Strength,

    /// <summary>A customer's learned chance of leaving, 0–1; its version is the model's id.</summary>
    Churn,
}
