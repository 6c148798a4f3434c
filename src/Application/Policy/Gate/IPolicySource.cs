using Rapport.Domain.Common;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.Gate;

/// <summary>
/// Where the gate takes the policy it decides with: the built-in one (<see cref="FixedPolicy"/>) or one the node reads
/// from a file, which may not parse. Read on every decision, so a source may change its policy at any time.
/// </summary>
public interface IPolicySource
{
    /// <summary>The policy in force now, or why there is none: every decision is then denied (fail-safe).</summary>
    Result<PolicyMatrix> Current { get; }
}
