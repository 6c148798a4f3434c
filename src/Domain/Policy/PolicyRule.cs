using Rapport.Domain.Consent;

namespace Rapport.Domain.Policy;

/// <summary>
/// What one action requires: consent for every purpose in <see cref="RequiredPurposes"/> and, when
/// <see cref="RequiredFieldLevel"/> is set, at least that sharing level on the field the action touches.
/// The reason-code arrays for every failure of a single requirement are built here, once, so evaluation does not allocate.
/// </summary>
public sealed class PolicyRule
{
    private readonly Purpose[] _purposes;
    private readonly string[][] _reasonsByStatus;

    public PolicyRule(string action, IReadOnlyList<Purpose> requiredPurposes, SharingLevel? requiredFieldLevel = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(requiredPurposes);
        if (requiredPurposes.Count == 0 && requiredFieldLevel is null)
        {
            throw new ArgumentException("a rule requires at least one purpose or a field level", nameof(requiredPurposes));
        }

        if (requiredFieldLevel == SharingLevel.None)
        {
            throw new ArgumentException("requiring level none is no requirement", nameof(requiredFieldLevel));
        }

        Action = action;
        _purposes = [.. requiredPurposes];
        RequiredFieldLevel = requiredFieldLevel;
        _reasonsByStatus = new string[_purposes.Length * StatusCount][];
        for (var i = 0; i < _purposes.Length; i++)
        {
            var missing = ReasonCodes.MissingFor(_purposes[i]);
            _reasonsByStatus[(i * StatusCount) + (int)ConsentStatus.Unknown] = [missing];
            _reasonsByStatus[(i * StatusCount) + (int)ConsentStatus.Revoked] = [missing, ReasonCodes.Revoked];
            _reasonsByStatus[(i * StatusCount) + (int)ConsentStatus.Expired] = [missing, ReasonCodes.Expired];
            _reasonsByStatus[(i * StatusCount) + (int)ConsentStatus.NotYetEffective] = [missing, ReasonCodes.NotYetEffective];
        }
    }

    private const int StatusCount = 5;

    public string Action { get; }

    public IReadOnlyList<Purpose> RequiredPurposes => _purposes;

    public SharingLevel? RequiredFieldLevel { get; }

    internal int PurposeCount => _purposes.Length;

    internal Purpose PurposeAt(int index) => _purposes[index];

    internal string[] ReasonsFor(int purposeIndex, ConsentStatus status) => _reasonsByStatus[(purposeIndex * StatusCount) + (int)status];
}
