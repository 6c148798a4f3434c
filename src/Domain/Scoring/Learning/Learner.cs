namespace Rapport.Domain.Scoring.Learning;

/// <summary>The learning algorithms a model can come from; training tries them all and keeps the best by cross-validated AUC.</summary>
public enum Learner
{
    /// <summary>Gradient-boosted trees (ML.NET FastTree).</summary>
    FastTree,

    /// <summary>Gradient-boosted trees (LightGBM).</summary>
    LightGbm,

    /// <summary>The baseline: L-BFGS logistic regression on standardised features.</summary>
    LogisticRegression,
}
