using Rapport.Domain.Common;
using Rapport.Domain.Scoring;

namespace Rapport.Application.Scoring;

/// <summary>The business's lead-score weights as they are now (a file the business edits), or why they cannot be used.</summary>
public interface ILeadWeightsSource
{
    Result<LeadScoreWeights> Current { get; }
}
