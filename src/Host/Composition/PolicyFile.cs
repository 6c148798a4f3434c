using System.Text.Json;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;

namespace Rapport.Host.Composition;

/// <summary>
/// The node's own policy: <c>policy.json</c> in its data directory (docs/policy.md), read as the gate's policy source.
/// No file: the built-in policy. A file that does not parse or is no valid policy: no policy at all, so every decision
/// denies with <c>POLICY_UNAVAILABLE</c> (fail-safe) — the node never falls back to a policy the business did not
/// choose. The file is looked at again at most every half second, so a fix (or a change) takes effect without a restart.
/// </summary>
public sealed class PolicyFile : IPolicySource
{
    private const long RecheckMilliseconds = 500;

    private readonly string _path;
    private readonly Lock _lock = new();
    private long _checkedAt;
    private (DateTime Modified, long Length)? _seen;
    private bool _read;
    private Result<PolicyMatrix> _current = PolicyMatrix.Default;

    public PolicyFile(string path) => _path = path ?? throw new ArgumentNullException(nameof(path));

    /// <summary>Told once per change that leaves the node without a policy, and when a policy reads again.</summary>
    public Action<string>? Warn { get; set; }

    public Result<PolicyMatrix> Current
    {
        get
        {
            var now = Environment.TickCount64;
            if (!Volatile.Read(ref _read) || now - Volatile.Read(ref _checkedAt) >= RecheckMilliseconds)
            {
                Refresh(now);
            }

            return _current;
        }
    }

    private void Refresh(long now)
    {
        lock (_lock)
        {
            if (_read && now - _checkedAt < RecheckMilliseconds)
            {
                return;
            }

            var info = new FileInfo(_path);
            (DateTime, long)? stamp = info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
            if (!_read || stamp != _seen)
            {
                var before = _current;
                _current = stamp is null ? PolicyMatrix.Default : Read(_path);
                _seen = stamp;
                if (_current.IsFailure)
                {
                    Warn?.Invoke($"warning: every policy decision is denied (POLICY_UNAVAILABLE) until {_path} is fixed: {_current.Error.Message}");
                }
                else if (before.IsFailure)
                {
                    Warn?.Invoke($"policy v{_current.Value.Version} from {(stamp is null ? "the built-in default" : _path)} is in force again");
                }
            }

            Volatile.Write(ref _checkedAt, now);
            Volatile.Write(ref _read, true);
        }
    }

    /// <summary>Reads and checks a policy file.</summary>
    public static Result<PolicyMatrix> Read(string path) =>
        JsonSettingsFile.Read(path, root => FromJson(root, path), problem => Invalid(path, problem));

    /// <summary>Parses a policy document; every mistake is named with where it is.</summary>
    public static Result<PolicyMatrix> Parse(string json, string source) =>
        JsonSettingsFile.Parse(json, root => FromJson(root, source), problem => Invalid(source, problem));

    private static Result<PolicyMatrix> FromJson(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(source, "the policy must be a JSON object with version, rules and (optionally) implied");
        }

        if (Unknown(root, "version", "rules", "implied") is { } stray)
        {
            return Invalid(source, $"unknown property '{stray}' (known: version, rules, implied)");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 1)
        {
            return Invalid(source, "version must be a whole number from 1 up (decisions cite it)");
        }

        var implied = new List<Purpose>();
        if (root.TryGetProperty("implied", out var impliedJson))
        {
            var purposes = Purposes(impliedJson, "implied");
            if (purposes.IsFailure)
            {
                return Invalid(source, purposes.Error.Message);
            }

            implied.AddRange(purposes.Value);
        }

        if (!root.TryGetProperty("rules", out var rulesJson) || rulesJson.ValueKind != JsonValueKind.Array || rulesJson.GetArrayLength() == 0)
        {
            return Invalid(source, "rules must be a non-empty array of {action, purposes, fieldLevel, requestedPurpose}");
        }

        var rules = new List<PolicyRule>();
        var index = 0;
        foreach (var ruleJson in rulesJson.EnumerateArray())
        {
            var rule = Rule(ruleJson, $"rules[{index}]");
            if (rule.IsFailure)
            {
                return Invalid(source, rule.Error.Message);
            }

            rules.Add(rule.Value);
            index++;
        }

        if (rules.GroupBy(r => r.Action, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Invalid(source, $"the action '{twice.Key}' has more than one rule");
        }

        return new PolicyMatrix(number, rules, implied);
    }

    private static Result<PolicyRule> Rule(JsonElement json, string at)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return Problem($"{at} must be an object");
        }

        if (Unknown(json, "action", "purposes", "fieldLevel", "requestedPurpose") is { } stray)
        {
            return Problem($"{at}: unknown property '{stray}' (known: action, purposes, fieldLevel, requestedPurpose)");
        }

        if (!json.TryGetProperty("action", out var actionJson) || actionJson.ValueKind != JsonValueKind.String ||
            actionJson.GetString() is not { Length: > 0 and <= 64 } action || !action.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            return Problem($"{at}.action must be an action name of 1..64 of a-z and _ (read_contact, score_lead, …)");
        }

        IReadOnlyList<Purpose> purposes = [];
        if (json.TryGetProperty("purposes", out var purposesJson))
        {
            var parsed = Purposes(purposesJson, $"{at}.purposes");
            if (parsed.IsFailure)
            {
                return parsed.Error;
            }

            purposes = parsed.Value;
        }

        AccessLevel? level = null;
        if (json.TryGetProperty("fieldLevel", out var levelJson))
        {
            if (levelJson.ValueKind != JsonValueKind.String || AccessLevelText.Parse(levelJson.GetString()) is not { IsSuccess: true, Value: not AccessLevel.None } parsedLevel)
            {
                return Problem($"{at}.fieldLevel must be \"view\" or \"edit\"");
            }

            level = parsedLevel.Value;
        }

        var requested = false;
        if (json.TryGetProperty("requestedPurpose", out var requestedJson))
        {
            if (requestedJson.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Problem($"{at}.requestedPurpose must be true or false");
            }

            requested = requestedJson.GetBoolean();
        }

        if (purposes.Count == 0 && level is null && !requested)
        {
            return Problem($"{at} ({action}) requires nothing: name purposes, a fieldLevel or requestedPurpose: true");
        }

        return new PolicyRule(action, purposes, level, requested);
    }

    private static Result<IReadOnlyList<Purpose>> Purposes(JsonElement json, string at)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            return Problem($"{at} must be an array of purpose keys");
        }

        var purposes = new List<Purpose>();
        foreach (var item in json.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || Purpose.Parse(item.GetString()) is not { IsSuccess: true } purpose)
            {
                return Problem($"{at}: {item.GetRawText()} is not a purpose key (marketing, marketing.email, …)");
            }

            purposes.Add(purpose.Value);
        }

        return purposes;
    }

    private static string? Unknown(JsonElement json, params string[] known) =>
        json.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !known.Contains(name, StringComparer.Ordinal));

    private static Error Problem(string message) => new(PolicyErrors.PolicyInvalid, message);

    private static Error Invalid(string source, string problem) => new(PolicyErrors.PolicyInvalid, $"{source} is not a valid policy: {problem}");
}
