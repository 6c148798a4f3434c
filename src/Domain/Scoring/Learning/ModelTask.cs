namespace Rapport.Domain.Scoring.Learning;

/// <summary>What a model predicts.</summary>
public enum ModelTask
{
    /// <summary>That a contact's open deal will be won (learned from won and lost deals).</summary>
    Conversion,

    /// <summary>That a customer will leave (learned from the contacts that left).</summary>
    Churn,

    /// <summary>A label of an imported table (<c>rapport scoring train --csv</c>).</summary>
    Tabular,
}
