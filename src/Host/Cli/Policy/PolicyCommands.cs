using System.CommandLine;
using Rapport.Application.Policy.Evaluate;
using Rapport.Application.Policy.EvaluateBatch;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Host.Cli.Consent;

namespace Rapport.Host.Cli.Policy;

/// <summary>
/// `rapport policy eval`. A denial is an answer, printed like an allow, with its own exit code
/// (<see cref="ExitCodes.Denied"/>); a request the policy cannot evaluate (unknown action or purpose) is the caller's mistake.
/// </summary>
public static class PolicyCommands
{
    private const string Actor = "cli";

    public static Command Build()
    {
        var policy = new Command("policy", "Evaluate the consent policy.");
        policy.Subcommands.Add(Eval());
        return policy;
    }

    private static Command Eval()
    {
        var action = new Argument<string>("action") { Description = "read_contact, read_interactions, export_contacts, read_consent (these need --purpose), score_lead, train_model, export_for_marketing, share_externally, read_shared_field, write_shared_field." };
        var contacts = new Option<string[]>("--contact") { Required = true, Description = "The contact's id; repeat to evaluate a batch in one transaction." };
        var field = new Option<string?>("--field") { Description = "The field a field action touches, e.g. email or custom.tier." };
        var purpose = new Option<string?>("--purpose") { Description = "The purpose the action is for, e.g. marketing.email (read_contact, read_interactions, export_contacts, read_consent)." };
        var mode = new Option<string>("--mode") { Description = "enforce | monitor (decide and record, never block).", DefaultValueFactory = _ => "enforce" };
        var command = new Command("eval", "Decide whether an action is allowed for a contact; the decision is audited.") { action, contacts, field, purpose, mode };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var ids = new List<ContactId>();
            foreach (var text in ctx.Value(contacts))
            {
                var id = CliInput.Contact(text);
                if (id.IsFailure)
                {
                    return ctx.Fail(id.Error);
                }

                ids.Add(id.Value);
            }

            FieldKey? fieldKey = null;
            if (ctx.Parse.GetValue(field) is { } fieldText)
            {
                var parsed = FieldKey.Parse(fieldText);
                if (parsed.IsFailure)
                {
                    return ctx.Fail(parsed.Error);
                }

                fieldKey = parsed.Value;
            }

            var enforcement = EnforcementModeText.Parse(ctx.Value(mode));
            if (enforcement.IsFailure)
            {
                return ctx.Fail(enforcement.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            IReadOnlyList<PolicyDecision> decisions;
            if (ids.Count == 1)
            {
                var one = await node.Get<EvaluatePolicy>()
                    .ExecuteAsync(new EvaluatePolicyCommand(ctx.Value(action), ids[0], fieldKey, enforcement.Value, Actor, ctx.Parse.GetValue(purpose)), ct).ConfigureAwait(false);
                if (one.IsFailure)
                {
                    return ctx.Fail(one.Error);
                }

                decisions = [one.Value];
            }
            else
            {
                var many = await node.Get<EvaluatePolicyBatch>()
                    .ExecuteAsync(new EvaluatePolicyBatchCommand(ctx.Value(action), ids, fieldKey, enforcement.Value, Actor, ctx.Parse.GetValue(purpose)), ct).ConfigureAwait(false);
                if (many.IsFailure)
                {
                    return ctx.Fail(many.Error);
                }

                decisions = many.Value;
            }

            foreach (var decision in decisions)
            {
                if (ConsentGate.IsInvalidRequest(decision))
                {
                    return ctx.Fail(ConsentGate.Denial(decision));
                }
            }

            if (ctx.Json)
            {
                var json = decisions.Select(Json).ToList();
                if (json.Count == 1)
                {
                    ctx.WriteJson(json[0]);
                }
                else
                {
                    ctx.WriteJson(json);
                }
            }
            else
            {
                foreach (var decision in decisions)
                {
                    System.Console.Out.WriteLine(Describe(decision));
                }
            }

            return decisions.All(d => d.Permitted) ? ExitCodes.Ok : ExitCodes.Denied;
        });
        return command;
    }

    private static string Describe(PolicyDecision d)
    {
        var verdict = (d.Permitted, d.Mode) switch
        {
            (true, _) => "allowed",
            (false, EnforcementMode.Enforce) => "denied",
            _ => "allowed (monitor mode; enforcement would deny)",
        };
        var reasons = d.Reasons.Count == 0 ? string.Empty : $" reasons: {string.Join(", ", d.Reasons)}";
        var field = d.Field is null ? string.Empty : $" on {d.Field}";
        return $"{d.Action}{field} for {d.Contact}: {verdict}{reasons} (policy v{d.PolicyVersion}, snapshot {d.SnapshotHash})";
    }

    private static object Json(PolicyDecision d) => new
    {
        action = d.Action,
        contact = d.Contact.ToString(),
        field = d.Field,
        allowed = d.Allowed,
        enforced = d.Enforced,
        permitted = d.Permitted,
        mode = d.Mode.ToKey(),
        reasons = d.Reasons.Select(r => r.Code),
        policyVersion = d.PolicyVersion,
        snapshotHash = d.SnapshotHash,
        at = d.At,
    };
}
