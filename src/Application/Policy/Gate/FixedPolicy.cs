using Rapport.Domain.Common;
using Rapport.Domain.Policy;

namespace Rapport.Application.Policy.Gate;

/// <summary>One policy that never changes (the built-in <see cref="PolicyMatrix.Default"/> unless told otherwise).</summary>
public sealed class FixedPolicy(PolicyMatrix matrix) : IPolicySource
{
    private readonly Result<PolicyMatrix> _current = matrix ?? throw new ArgumentNullException(nameof(matrix));

    public Result<PolicyMatrix> Current => _current;
}
