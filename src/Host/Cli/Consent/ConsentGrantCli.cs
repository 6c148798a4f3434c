using System.CommandLine;
using Rapport.Application.Consent.Record;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;

namespace Rapport.Host.Cli.Consent;

/// <summary>`rapport consent grant`: a consent the business collected (or, on a customer node, a signed grant for a request).</summary>
internal static class ConsentGrantCli
{
    private static readonly Option<bool> NewPurpose = new("--new-purpose")
    {
        Description = "Business: record the consent even though the policy names no such purpose (a typo check otherwise).",
    };

    private const string Actor = "cli";

    public static Command Create()
    {
        var contact = new Option<string>("--contact") { Description = "Business: the contact's id." };
        var purpose = new Option<string>("--purpose") { Description = "Business: purpose key, e.g. marketing or marketing.email." };
        var request = new Option<string?>("--request") { Description = "Customer: the received request to grant (signs a grant and delivers it; needs `rapport run`)." };
        var grantedFields = new Option<string[]>("--fields") { Description = "Customer, with --request: grant only these fields, at most at the requested level (FIELD=view|edit)." };
        var grantedPurposes = new Option<string[]>("--purposes") { Description = "Customer, with --request: agree only to these purposes." };
        var basis = new Option<string>("--basis") { Description = "consent | contract | legitimate_interest.", DefaultValueFactory = _ => "consent" };
        var fields = new Option<string[]>("--field") { Description = "FIELD=LEVEL shared under this consent (email=view, address.city=view, interactions=edit, custom.*=none); repeatable." };
        var from = new Option<string?>("--from") { Description = "When it takes effect (ISO 8601; default now)." };
        var until = new Option<string?>("--until") { Description = "When it expires (ISO 8601)." };
        var days = new Option<int?>("--days") { Description = "Expires this many days after it takes effect." };
        var source = new Option<string>("--source") { Description = "Business: how it was collected: form | call | import." };
        var reference = new Option<string?>("--reference") { Description = "Free-text reference to the form, call or import." };
        var command = new Command(
            "grant",
            "Business: record a consent it collected itself (--contact, --purpose, --source). Customer: grant a received request, all or part (--request ID [--fields] [--purposes]).")
        {
            contact, purpose, basis, fields, from, until, days, source, reference, request, grantedFields, grantedPurposes, NewPurpose,
        };
        CliAction.Set(command, async (ctx, ct) =>
        {
            if (ctx.Parse.GetValue(request) is { } requestId)
            {
                return await Sharing.RequestsCommands.AcceptAsync(ctx, requestId, ctx.Parse.GetValue(grantedFields), ctx.Parse.GetValue(grantedPurposes), ct).ConfigureAwait(false);
            }

            foreach (var (option, name) in new[] { (contact, "--contact"), (purpose, "--purpose"), (source, "--source") })
            {
                if (string.IsNullOrWhiteSpace(ctx.Parse.GetValue(option)))
                {
                    return ctx.Fail(new Error(CliErrors.MissingOption, $"{name} is required to record a consent the business collected (a customer grants with --request ID)", name));
                }
            }

            var input = ParseGrant(ctx, contact, purpose, basis, fields, from, until, days, source, reference);
            if (!input.TryGetValue(out var cmd))
            {
                return ctx.Fail(input.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<RecordConsent>().ExecuteAsync(cmd, ct).ConfigureAwait(false);
            if (!result.TryGetValue(out var grant))
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(ConsentJson.Of(grant, grant.StatusAt(node.Clock.UtcNow)));
            }
            else
            {
                System.Console.Out.WriteLine(
                    $"granted {grant.Purpose} for {grant.Contact} (version {grant.Version}, basis {grant.Basis.ToKey()}, from {CliInput.Format(grant.EffectiveFrom)}, until {CliInput.Format(grant.ExpiresAt)})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Result<RecordConsentCommand> ParseGrant(
        CliContext ctx,
        Option<string> contactOption,
        Option<string> purposeOption,
        Option<string> basisOption,
        Option<string[]> fieldsOption,
        Option<string?> fromOption,
        Option<string?> untilOption,
        Option<int?> daysOption,
        Option<string> sourceOption,
        Option<string?> referenceOption)
    {
        if (!CliInput.Contact(ctx.Value(contactOption)).TryGetValue(out var contact))
        {
            return CliInput.Contact(ctx.Value(contactOption)).Error;
        }

        var purpose = Purpose.Parse(ctx.Value(purposeOption));
        if (purpose.IsFailure)
        {
            return purpose.Error;
        }

        if (!ctx.Parse.GetValue(NewPurpose) && !PolicyMatrix.Default.Knows(purpose.Value))
        {
            // A typo would otherwise become a consent no rule ever reads.
            return new Error(
                PolicyErrors.UnknownPurpose,
                $"the policy knows no purpose '{purpose.Value.Key}' (it knows {string.Join(", ", PolicyMatrix.Default.NamedPurposes)} and their sub-purposes such as marketing.email); " +
                "check the spelling, or record it anyway with --new-purpose",
                "purpose");
        }

        var basis = LegalBasisText.Parse(ctx.Value(basisOption));
        if (basis.IsFailure)
        {
            return basis.Error;
        }

        var fields = new List<KeyValuePair<FieldKey, AccessLevel>>();
        foreach (var text in ctx.Parse.GetValue(fieldsOption) ?? [])
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                return new Error(ConsentErrors.FieldInvalid, $"'{text}' is not FIELD=LEVEL, e.g. email=view", "field");
            }

            var field = FieldKey.Parse(text[..eq]);
            if (field.IsFailure)
            {
                return field.Error;
            }

            var level = AccessLevelText.Parse(text[(eq + 1)..]);
            if (level.IsFailure)
            {
                return level.Error;
            }

            fields.Add(new(field.Value, level.Value));
        }

        var from = CliInput.Instant(ctx.Parse.GetValue(fromOption), "from");
        if (from.IsFailure)
        {
            return from.Error;
        }

        var until = CliInput.Instant(ctx.Parse.GetValue(untilOption), "until");
        if (until.IsFailure)
        {
            return until.Error;
        }

        var channel = CollectionChannelText.Parse(ctx.Value(sourceOption));
        if (channel.IsFailure)
        {
            return channel.Error;
        }

        var reference = ctx.Parse.GetValue(referenceOption);
        return new RecordConsentCommand(
            contact,
            purpose.Value,
            basis.Value,
            new ConsentSource.Collected(channel.Value, string.IsNullOrWhiteSpace(reference) ? null : reference),
            fields,
            from.Value,
            until.Value,
            ctx.Parse.GetValue(daysOption),
            Actor);
    }
}
