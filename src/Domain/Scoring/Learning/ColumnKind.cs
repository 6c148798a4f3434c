namespace Rapport.Domain.Scoring.Learning;

/// <summary>How a column is read: as a number, or as one of a set of categories.</summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
}
