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
    private readonly ReasonCode[][] _reasonsByStatus;

    public PolicyRule(string action, IReadOnlyList<Purpose> requiredPurposes, AccessLevel? requiredFieldLevel = null, bool requiresRequestedPurpose = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(requiredPurposes);
        if (requiredPurposes.Count == 0 && requiredFieldLevel is null && !requiresRequestedPurpose)
        {
            throw new ArgumentException("a rule requires at least one purpose, a field level or the requested purpose", nameof(requiredPurposes));
        }

        if (requiredFieldLevel == AccessLevel.None)
        {
            throw new ArgumentException("requiring level none is no requirement", nameof(requiredFieldLevel));
        }

        Action = action;
        _purposes = [.. requiredPurposes];
        RequiredFieldLevel = requiredFieldLevel;
        RequiresRequestedPurpose = requiresRequestedPurpose;
        _reasonsByStatus = new ReasonCode[_purposes.Length * StatusCount][];
        for (var i = 0; i < _purposes.Length; i++)
        {
            var missing = ReasonCode.Missing(_purposes[i]);
            _reasonsByStatus[(i * StatusCount) + (int)ConsentStatus.Unknown] = [missing];
            _reasonsByStatus[(i * StatusCount) + (int)ConsentStatus.Revoked] = [missing, ReasonCode.Revoked];
            _reasonsByStatus[(i * StatusCount) + (int)ConsentStatus.Expired] = [missing, ReasonCode.Expired];
            _reasonsByStatus[(i * StatusCount) + (int)ConsentStatus.NotYetEffective] = [missing, ReasonCode.NotYetEffective];
        }
    }

    private const int StatusCount = 5;

    public string Action { get; }

    public IReadOnlyList<Purpose> RequiredPurposes => _purposes;

    public AccessLevel? RequiredFieldLevel { get; }

    /// <summary>
    /// Whether the action is for a purpose named by the caller (read a contact "for marketing"): the consent must allow
    /// that purpose as well as <see cref="RequiredPurposes"/>.
    /// </summary>
    public bool RequiresRequestedPurpose { get; }

    internal int PurposeCount => _purposes.Length;

    internal Purpose PurposeAt(int index) => _purposes[index];

    internal ReasonCode[] ReasonsFor(int purposeIndex, ConsentStatus status) => _reasonsByStatus[(purposeIndex * StatusCount) + (int)status];

    /// <summary>The reasons for a requested purpose in <paramref name="status"/> (built per call: the purpose is the caller's).</summary>
    internal static ReasonCode[] ReasonsForRequested(Purpose purpose, ConsentStatus status) => status switch
    {
        ConsentStatus.Revoked => [ReasonCode.Missing(purpose), ReasonCode.Revoked],
        ConsentStatus.Expired => [ReasonCode.Missing(purpose), ReasonCode.Expired],
        ConsentStatus.NotYetEffective => [ReasonCode.Missing(purpose), ReasonCode.NotYetEffective],
        _ => [ReasonCode.Missing(purpose)],
    };
}
