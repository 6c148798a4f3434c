using System.CommandLine;
using Rapport.Application.Consent.Revoke;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Spectre.Console;

namespace Rapport.Host.Cli.Consent;

/// <summary>`rapport consent revoke`: a collected consent (--contact) or a signed grant (--business).</summary>
internal static class ConsentRevokeCli
{
    private const string Actor = "cli";

    public static Command Create()
    {
        var contact = new Option<string?>("--contact") { Description = "The contact's id (a consent the business collected; with --purpose)." };
        var purpose = new Option<string?>("--purpose") { Description = "Purpose to revoke (sub-purposes are revoked with it)." };
        var business = new Option<string?>("--business") { Description = "Customer side: revoke the signed grant given to this business (peer id); needs `rapport run`." };
        var command = new Command("revoke", "Revoke a collected consent (--contact, --purpose) or, as a customer, a signed grant (--business).") { contact, purpose, business };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var peer = ctx.Parse.GetValue(business);
            var hasContact = ctx.Parse.GetValue(contact) is not null || ctx.Parse.GetValue(purpose) is not null;
            if (peer is not null && hasContact)
            {
                return ctx.Fail(new Error(CliErrors.RevokeAmbiguous, "use either --business PEER or --contact ID --purpose P, not both", "--business"));
            }

            if (peer is not null)
            {
                return await SignedConsentCommands.RevokeAsync(ctx, peer, ct).ConfigureAwait(false);
            }

            if (ctx.Parse.GetValue(contact) is null || ctx.Parse.GetValue(purpose) is null)
            {
                return ctx.Fail(new Error(CliErrors.RevokeIncomplete, "give --contact ID and --purpose P (collected consent) or --business PEER (signed grant)", "--contact"));
            }

            var id = CliInput.Contact(ctx.Value(contact));
            if (id.IsFailure)
            {
                return ctx.Fail(id.Error);
            }

            var key = Purpose.Parse(ctx.Value(purpose));
            if (key.IsFailure)
            {
                return ctx.Fail(key.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<RevokeConsent>()
                .ExecuteAsync(new RevokeConsentCommand(id.Value, key.Value, Actor), ct).ConfigureAwait(false);
            if (!result.TryGetValue(out var revoked))
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(revoked.Select(g => ConsentJson.Of(g, ConsentStatus.Revoked)).ToList());
            }
            else
            {
                foreach (var grant in revoked)
                {
                    System.Console.Out.WriteLine($"revoked {grant.Purpose} for {grant.Contact} (version {grant.Version}, at {CliInput.Format(grant.RevokedAt)})");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
